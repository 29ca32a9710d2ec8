// Claim check for an LLM answer: each sentence that cites [n] must be supported by passage n (lexical entailment
// over the matching form): every number, date, 《title》, quoted term and name in it appears in the cited
// passage(s), and enough of its content words do. "王五是省长 [1]" against a passage without 王五 is dropped.
// A sentence citing several passages is judged against their union (answers combine passages).
// English sentences over Chinese passages cannot be checked word by word: for a sentence without Han characters
// only its numbers, titles and quoted terms are checked, and the caller should know that is weaker.
import { splitParagraphs, splitSentences } from '../text/sentences.ts';
import { claimNumbers, claimTerms, numbersIn } from './facts.ts';
import type { ClaimCheck, ClaimSentence, DroppedClaim } from './types.ts';

export interface SupportOptions {
  /** Content words of a text (stopwords removed), e.g. `Tokenizer.tokens`; it does its own folding. */
  tokenize: (text: string) => string[];
  /** Folding for fact matching (Simplified, half width, lower case), e.g. `matchForm`. Default: NFKC + lower case. */
  fold?: (text: string) => string;
  /** Share of a sentence's content words that must appear in the cited passages. Default 0.75. */
  minWordShare?: number;
}

const MARKER = /\s*\[(\d{1,2})\]/g;
const LEADING_MARKERS = /^(?:\s*\[\d{1,2}\])+/;
const LIST_MARK = /^(?:\d{1,2}[.、)]|[-*•])$/;

function sentenceOf(text: string): ClaimSentence {
  const cites: number[] = [];
  for (const m of text.matchAll(MARKER)) {
    const n = Number(m[1]);
    if (!cites.includes(n)) cites.push(n);
  }
  return { text, claim: text.replace(MARKER, '').trim(), cites };
}

/**
 * Sentences of an answer with their markers. A marker written after the full stop ("…省长。[1]") belongs to the
 * sentence before it; a bare list mark ("1.") is joined to the sentence it numbers.
 */
export function splitClaims(answer: string): ClaimSentence[] {
  const pieces: string[] = [];
  let carry = '';
  for (const p of splitParagraphs(answer)) {
    for (const s of splitSentences(answer, p.start, p.end)) {
      let piece = carry + answer.slice(s.start, s.end);
      carry = '';
      const lead = LEADING_MARKERS.exec(piece);
      if (lead && pieces.length) {
        pieces[pieces.length - 1] += lead[0];
        piece = piece.slice(lead[0].length).trim();
      }
      if (!piece) continue;
      if (LIST_MARK.test(piece)) carry = `${piece} `;
      else pieces.push(piece);
    }
  }
  if (carry.trim()) pieces.push(carry.trim());
  return pieces.map(sentenceOf);
}

const defaultFold = (s: string) => s.normalize('NFKC').toLowerCase();

/** Judge one cited sentence against the union of its passages; undefined when it is supported. */
function judge(sentence: ClaimSentence, passages: string[], opts: SupportOptions): DroppedClaim | undefined {
  const fold = opts.fold ?? defaultFold;
  const cited = sentence.cites.map((n) => passages[n - 1]);
  if (cited.some((p) => p === undefined)) {
    return { sentence, reason: 'unknown-passage', missing: sentence.cites.filter((n) => !passages[n - 1]).map(String) };
  }
  const source = fold(cited.join('\n'));
  const claim = fold(sentence.claim);
  const numbers = numbersIn(source);
  const missingFacts = [...claimNumbers(claim).filter((n) => !numbers.has(n)), ...claimTerms(sentence.claim).filter((t) => !source.includes(fold(t)))];
  if (missingFacts.length) return { sentence, reason: 'missing-fact', missing: missingFacts };
  if (!/\p{Script=Han}/u.test(sentence.claim)) return undefined;
  const words = [...new Set(opts.tokenize(sentence.claim))].filter((w) => !/^\d+$/.test(w));
  if (!words.length) return undefined;
  const sourceWords = new Set(opts.tokenize(cited.join('\n')));
  const missingWords = words.filter((w) => !sourceWords.has(w) && !source.includes(w));
  if ((words.length - missingWords.length) / words.length < (opts.minWordShare ?? 0.75)) {
    return { sentence, reason: 'unsupported-words', missing: missingWords };
  }
  return undefined;
}

/**
 * Split an answer into sentences and keep those supported by the passages they cite. `passages[i]` is passage
 * i + 1 as the model saw it (its display text; the check folds it). Sentences without markers are returned
 * apart, neither kept nor dropped: a connective sentence may be fine, an uncited claim is the caller's call.
 */
export function checkClaims(answer: string, passages: string[], opts: SupportOptions): ClaimCheck {
  const result: ClaimCheck = { kept: [], dropped: [], uncited: [] };
  for (const sentence of splitClaims(answer)) {
    if (!sentence.cites.length) {
      result.uncited.push(sentence);
      continue;
    }
    const dropped = judge(sentence, passages, opts);
    if (dropped) result.dropped.push(dropped);
    else result.kept.push(sentence);
  }
  return result;
}

export interface SupportedAnswer {
  /** The answer with unsupported sentences removed (the original text when nothing was removed). */
  text: string;
  /** Cited sentences kept, and sentences dropped (cited and unsupported, or uncited claims no passage supports). */
  kept: ClaimSentence[];
  dropped: DroppedClaim[];
}

/**
 * The answer with only supported sentences. A cited sentence must be supported by the passages it cites; a
 * sentence without a marker is kept only when the given passages together support it (a connective such as
 * "具体如下" usually is not, and is no loss), so an uncited "王五是省长。" cannot slip through beside a cited one.
 */
export function supportedAnswer(answer: string, passages: string[], opts: SupportOptions): SupportedAnswer {
  const all = passages.map((_, i) => i + 1);
  const kept: ClaimSentence[] = [];
  const dropped: DroppedClaim[] = [];
  const out: string[] = [];
  for (const sentence of splitClaims(answer)) {
    const verdict = judge(sentence.cites.length ? sentence : { ...sentence, cites: all }, passages, opts);
    if (verdict) dropped.push({ ...verdict, sentence });
    else {
      if (sentence.cites.length) kept.push(sentence);
      out.push(sentence.text);
    }
  }
  if (!dropped.length) return { text: answer, kept, dropped };
  // Sentences lost their separators when split: Chinese needs none, Latin text a space.
  const text = out.reduce((acc, s) => (acc && /[\x21-\x7e]$/.test(acc) && /^[\x21-\x7e]/.test(s) ? `${acc} ${s}` : acc + s), '');
  return { text, kept, dropped };
}
