// The offline answerer: picks the sentences of the retrieved chunks that answer the question, drops
// repeats (overlapping chunks share sentences), and quotes them with [n] markers in the asker's script.
import { matchForm, toScript } from '../text/normalize.ts';
import { escapeRegExp } from '../text/regex.ts';
import { splitSentences } from '../text/sentences.ts';
import { citationFor } from './cite.ts';
import { extractiveLead } from './messages.ts';
import type { AnswerContext, AnswerDraft, Answerer, AnswerInput } from './types.ts';

export interface ExtractiveOptions {
  maxSentences: number;
  maxChars: number;
  /** Extra characters for the items of a list whose opening sentence was chosen ("下列条件：（一）…；（二）…"). */
  maxListChars: number;
  /** Hits whose sentences are considered. */
  maxHits: number;
}

export const DEFAULT_EXTRACTIVE: ExtractiveOptions = { maxSentences: 3, maxChars: 360, maxListChars: 300, maxHits: 5 };

export interface Candidate {
  hitIndex: number;
  start: number;
  text: string;
  tokens: Set<string>;
  score: number;
}

const DEFINITION_CUE = /(是指|指的是|是|指|即|包括|包含|分别是|为)/;
// An article label ("第一千一百三十条 ") is a number, not content: left in, it yields the token 第一 and matches
// every question about 第一顺序.
const ARTICLE_LABEL = /^第[零〇一二三四五六七八九十百千万\d]+条\s*/;
// The items after the first of an enumerated list: （二）, （三）, (4)…
const LIST_ITEM = /^[（(][二三四五六七八九十\d]+[）)]/;
// A sentence that opens a list: it ends with a colon, or holds the colon and the first item.
const LIST_OPENER = /[：:]\s*(?:[（(][一1][）)].*)?$/s;
const TERMINATED = /[。！？!?]$/;
// A question that asks for the members of a set is answered by an enumeration.
const ASKS_FOR_LIST = /(哪些|哪几|有什么|包括什么|是谁|有谁|\bwhich\b|\bwhat are\b|\bwho are\b)/i;

/** Score every sentence of the top hits by the question's IDF mass it contains, plus small priors. */
export function scoreSentences(
  context: AnswerContext,
  queryTokens: string[],
  hits: readonly { chunk: { text: string } }[],
  questionMatchText = '',
): Candidate[] {
  const asksForList = ASKS_FOR_LIST.test(questionMatchText);
  const q = [...new Set(queryTokens)];
  const idf = new Map(q.map((t) => [t, context.lexical.idf(t)]));
  const total = [...idf.values()].reduce((a, b) => a + b, 0) || 1;
  const out: Candidate[] = [];
  hits.forEach((hit, hitIndex) => {
    const text = hit.chunk.text;
    for (const s of splitSentences(text)) {
      const sentence = text.slice(s.start, s.end);
      // Folded once: the tokens and the cue patterns below both read the matching form.
      const folded = matchForm(sentence);
      const tokens = new Set(context.tokenizer.tokensOfMatchForm(folded.replace(ARTICLE_LABEL, '')));
      let found = 0;
      for (const t of q) if (tokens.has(t)) found += idf.get(t)!;
      if (found === 0) continue;
      let score = found / total + 0.08 / (1 + hitIndex);
      // A sentence that names a question term in quotes, or defines it, is likely the answer.
      const named = q.filter((t) => t.length > 1 && folded.includes(t));
      if (named.some((t) => new RegExp(`[“"「]${escapeRegExp(t)}[”"」]`).test(folded))) score += 0.1;
      else if (named.some((t) => new RegExp(`${escapeRegExp(t)}${DEFINITION_CUE.source}`).test(folded))) score += 0.05;
      if (asksForList && LIST_OPENER.test(sentence)) score += 0.1;
      // Headings and list fragments; a short complete sentence ("禁止家庭暴力。") is a full answer and keeps its score.
      if (sentence.length < 12 && !TERMINATED.test(sentence)) score *= 0.5;
      out.push({ hitIndex, start: s.start, text: sentence, tokens, score });
    }
  });
  return out.sort((a, b) => b.score - a.score || a.hitIndex - b.hitIndex || a.start - b.start);
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let inter = 0;
  for (const t of a) if (b.has(t)) inter++;
  return inter / (a.size + b.size - inter || 1);
}

/** Best sentences first, then others that score close to the best and say something new. */
export function selectSentences(candidates: Candidate[], opts: ExtractiveOptions): Candidate[] {
  const chosen: Candidate[] = [];
  let chars = 0;
  const best = candidates[0]?.score ?? 0;
  for (const c of candidates) {
    if (chosen.length >= opts.maxSentences) break;
    if (chosen.length && (c.score < Math.max(0.3, 0.6 * best) || chars + c.text.length > opts.maxChars)) continue;
    if (chosen.some((s) => s.text === c.text || jaccard(s.tokens, c.tokens) > 0.6)) continue;
    chosen.push(c);
    chars += c.text.length;
  }
  return chosen;
}

/**
 * A chosen sentence that opens a list brings the list's following items from the same chunk: "哪些情形下婚姻无效"
 * is answered by all three items, not by the first alone.
 */
export function withListItems(chosen: Candidate[], hits: readonly { chunk: { text: string } }[], opts: ExtractiveOptions): Candidate[] {
  const out = [...chosen];
  let budget = opts.maxListChars;
  for (const c of chosen) {
    if (!LIST_OPENER.test(c.text)) continue;
    const text = hits[c.hitIndex].chunk.text;
    const after = splitSentences(text).filter((s) => s.start > c.start);
    for (const s of after) {
      const item = text.slice(s.start, s.end);
      if (!LIST_ITEM.test(item) || item.length > budget) break;
      if (out.some((o) => o.hitIndex === c.hitIndex && o.start === s.start)) continue;
      out.push({ hitIndex: c.hitIndex, start: s.start, text: item, tokens: new Set(), score: 0 });
      budget -= item.length;
    }
  }
  return out;
}

export class ExtractiveAnswerer implements Answerer {
  readonly name = 'extractive';
  constructor(private readonly opts: ExtractiveOptions = DEFAULT_EXTRACTIVE) {}

  async answer({ query, retrieval, context }: AnswerInput): Promise<AnswerDraft> {
    const { register } = query;
    const hits = retrieval.hits.slice(0, this.opts.maxHits);
    const chosen = withListItems(selectSentences(scoreSentences(context, retrieval.query.tokens, hits, query.matchText), this.opts), hits, this.opts);
    if (!chosen.length) return { answer: '', found: false, citations: [], source: 'extractive' };
    // One citation per chunk, numbered by the order of its best sentence; sentences in document order.
    const order: number[] = [];
    for (const c of chosen) if (!order.includes(c.hitIndex)) order.push(c.hitIndex);
    const lines: string[] = [];
    const citations = order.map((hitIndex, i) => {
      const sentences = chosen.filter((c) => c.hitIndex === hitIndex).sort((a, b) => a.start - b.start);
      const quote = sentences.map((s) => s.text).join('');
      const body = toScript(quote, register.script);
      lines.push(register.lang === 'en' ? `“${body}” [${i + 1}]` : `${body}[${i + 1}]`);
      return citationFor(i + 1, hits[hitIndex], quote);
    });
    return { answer: [extractiveLead(register), ...lines].join('\n'), found: true, citations, source: 'extractive' };
  }
}
