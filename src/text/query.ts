// A question understood once: its matching form, tokens, terms, register, the document words its everyday
// words stand for, and the part of the corpus it is about are computed when the question enters (app/ask) and
// passed down to retrieval, definition detection and the answerer, which read them instead of folding again.
import type { Register } from '../types.ts';
import { ageExpansions } from './age.ts';
import type { EnglishBridge } from './english.ts';
import type { Readings } from './homophones.ts';
import type { Expansion, Lexicon } from './lexicon.ts';
import { detectRegister, matchForm } from './normalize.ts';
import { type CatalogDoc, PERSONAL, parseScope, type Scope, scopeWordsIn } from './scope.ts';
import { type QueryTerm, TOPIC_POS, type Tokenizer } from './tokenize.ts';

export interface Query {
  /** The question as asked: what an LLM is given. */
  text: string;
  /** `text` in matching form (no pinyin, half width, Simplified, lower case), listed typos fixed: what every pattern reads. */
  matchText: string;
  /** Search-mode tokens of `matchText`, for BM25 and sentence scoring. */
  tokens: string[];
  /** Precise-mode terms with their parts, for the relevance decision. */
  terms: QueryTerm[];
  /** The asker's language and script: the answer is written in them. */
  register: Register;
  /**
   * Document words the question's everyday words (老公 -> 配偶) or English words (landlord -> 出租人) stand for,
   * each weighted below a word the citizen wrote; only words the corpus uses.
   */
  expansions: Expansion[];
  /**
   * English words the dictionary knows whose Chinese words no document uses ("passport" -> 护照): the question's
   * topic is missing. An English word the dictionary does not know at all is only an unknown word.
   */
  englishMissing: string[];
  /** The question's words the lexicon knows as everyday words for a document topic (狗, 房东), found or not. */
  everydayWords: string[];
  /** The expansions' tokens with their weights, for BM25 (a token the question has itself is not repeated). */
  expansionTokens: ReadonlyMap<string, number>;
  /** The years, collection, book or article the question names: a filter on the documents searched. */
  scope: Scope;
  /** Words that named the scope ("政府工作报告", "民法典", "洋县"): they chose the documents, they are not the topic. */
  scopeWords: string[];
  /** Asked about one's own situation ("我老公…", "俺家…", "my landlord"): such questions are about rights, not reports. */
  personal: boolean;
}

/** What reading a question needs besides the tokenizer; all optional so a bare tokenizer still reads one. */
export interface QueryReaders {
  lexicon?: Lexicon;
  /** The English bridge, loaded on the first English question (most questions never need it). */
  english?: () => EnglishBridge | undefined;
  /** Whether the corpus uses a word: an expansion to a word no document has would only add noise. */
  known?: (term: string) => boolean;
  catalog?: readonly CatalogDoc[];
  /** Replaces homophone typos ("冷净期") with the corpus word they sound like (冷静期); see homophones.ts. */
  homophones?: (matchText: string) => string;
  /** Character -> pinyin, for places of the local documents named in English ("Yang County"). */
  readings?: Readings;
}

const LATIN_WORD = /[a-z]{3,}/;

/**
 * Whether every occurrence of a two-character key in `text` joins the end of one word of jieba's cut to the start
 * of the next: "少年" in "多少年" (多少/年) is no youth, "成年" in "未成年人" is read inside one word and counts, and
 * so do two one-character words ("没/了"). Longer keys are read across words on purpose: jieba cuts everyday
 * phrases apart ("孩子跟谁过").
 */
function straddles(key: string, text: string, cut: () => Set<number>): boolean {
  const bounds = cut();
  for (let i = text.indexOf(key); i >= 0; i = text.indexOf(key, i + 1)) {
    if (!bounds.has(i + 1) || (bounds.has(i) && bounds.has(i + 2))) return false;
  }
  return true;
}

/** Where the words of jieba's cut of `text` start and end (character offsets). */
function wordBounds(text: string, tokenizer: Pick<Tokenizer, 'cutMatchForm'>): Set<number> {
  const bounds = new Set<number>([0]);
  let at = 0;
  for (const piece of tokenizer.cutMatchForm(text)) bounds.add((at += piece.length));
  return bounds;
}

/**
 * `register` defaults to the one of `text`; a rewritten question keeps the register of the question the citizen
 * typed, so the answer comes back in the citizen's language and script.
 */
export function makeQuery(
  text: string,
  tokenizer: Pick<Tokenizer, 'tokensOfMatchForm' | 'termsOfMatchForm' | 'cutMatchForm'>,
  register: Register = detectRegister(text),
  readers: QueryReaders = {},
): Query {
  const { lexicon, known = () => true } = readers;
  const folded = matchForm(text);
  const listed = lexicon ? lexicon.fixTypos(folded) : folded;
  const matchText = readers.homophones ? readers.homophones(listed) : listed;
  const tokens = tokenizer.tokensOfMatchForm(matchText);
  const expansions: Expansion[] = [];
  const add = (e: Expansion) => {
    if (tokens.includes(e.term) || !known(e.term)) return;
    const seen = expansions.find((x) => x.term === e.term);
    if (!seen) {
      expansions.push(e);
      return;
    }
    if (seen.weight < e.weight) seen.weight = e.weight;
    // The second word to reach a term keeps it as its alternative too (see Expansion.also).
    for (const f of [e.from, ...(e.also ?? [])]) if (f !== seen.from && !seen.also?.includes(f)) seen.also = [...(seen.also ?? []), f];
  };
  // The question's tokens and the lexicon's phrases found in it (jieba may cut "孩子跟谁过" apart), scanned once.
  // A one-character key counts only as a word of its own: "撞" in "被车撞了" is a collision, inside "撞倒" (knocked
  // down at a ball game) it says nothing of cars.
  // jieba's cut of the question, made only when a two-character key is found in it.
  let bounds: Set<number> | undefined;
  const cut = () => (bounds ??= wordBounds(matchText, tokenizer));
  const words = lexicon
    ? [...tokens, ...lexicon.phrasesIn(matchText).filter((p) => [...p].length > 1 && !(p.length === 2 && straddles(p, matchText, cut)))]
    : [];
  const everydayWords = words.filter((t) => lexicon?.entry(t) !== undefined);
  if (lexicon) for (const e of lexicon.expand(words)) add(e);
  const english = LATIN_WORD.test(matchText) ? (readers.english?.()?.terms(matchText) ?? []) : [];
  for (const e of english) add(e);
  // Ages read from the Chinese words and from what the English bridge made of the English ones ("how old" -> 多大);
  // after the bridge, so a term both give keeps the English word it came from.
  const scope = parseScope(matchText, readers.catalog ?? [], readers.readings);
  // An age stands for the legal capacity the Civil Code ties to it: in a question about the work reports ("孩子一岁半，
  // 2022年不是说带孩子的钱能从个税里扣吗") it is only the story.
  const aboutReports = scope.kinds.length > 0 && !scope.kinds.includes('law');
  if (!aboutReports) for (const e of ageExpansions([matchText, ...english.map((x) => x.term)].join(' '))) add(e);
  // An English word the documents lack is a missing topic only when the dictionary's Chinese for it is a noun
  // ("passport" -> 护照): "wet", "broke", "private" describe the story, as 湿, 摔断, 私人 would in Chinese.
  const nounish = (term: string) => tokenizer.termsOfMatchForm(term).some((t) => t.pos !== undefined && TOPIC_POS.test(t.pos));
  const englishMissing = [...new Set(english.filter((e) => !known(e.term) && nounish(e.term)).map((e) => e.from))].filter(
    (from) => !expansions.some((x) => x.from === from),
  );
  const expansionTokens = new Map<string, number>();
  for (const e of expansions) {
    for (const t of tokenizer.tokensOfMatchForm(e.term)) {
      if (!tokens.includes(t) && (expansionTokens.get(t) ?? 0) < e.weight) expansionTokens.set(t, e.weight);
    }
  }
  return {
    text,
    matchText,
    tokens,
    terms: tokenizer.termsOfMatchForm(matchText),
    register,
    expansions,
    everydayWords,
    englishMissing,
    expansionTokens,
    scope,
    scopeWords: scopeWordsIn(matchText, scope),
    personal: PERSONAL.test(matchText),
  };
}
