// The measures the answer/refuse decision reads: how much of what the question asks about the best passages
// contain, counting the document words its everyday words stand for (老公 -> 配偶) at their lexicon weight.
import { type Bm25Index, SITUATION_FIELD } from '../index/lexical.ts';
import { isEnglishStopword, leadsFunctionPhrase } from '../text/english.ts';
import type { Query } from '../text/query.ts';
import { situationPairs } from '../text/situations.ts';
import { type QueryTerm, TOPIC_POS } from '../text/tokenize.ts';

export interface CoverageOptions {
  /**
   * Weight of a question word the corpus never uses and the lexicon does not know, as a share of the mean IDF
   * of the question's known words. Such a word is as often everyday padding ("全款", "房产证") as it is the
   * topic the corpus lacks, so it weighs like an ordinary word, not like the rarest.
   */
  unknownWeight?: number;
}

const SINGLE_CHAR = 0.4;
const UNKNOWN_TOPIC = 5;
// Words that frame a question ("有什么要求", "要什么条件", "怎么处理") rather than name its topic: never a missing topic.
const FRAME = new Set(
  '要求 规定 条件 程序 流程 手续 标准 办法 规则 措施 政策 作用 责任 处理 后果 区别 步骤 材料 时间 期限 方式 途径 依据 范围 影响 原因'.split(' '),
);

// Parts of speech that never name a topic: adverbs (真是, 一直), pronouns (那会儿), directions (外面), numerals and
// measure words (好几年, 几块), time and place words, conjunctions, prepositions, particles, interjections.
const FILLER_POS = /^(?:d|dg|r|rr|rz|rg|f|m|mq|q|t|tg|s|c|p|u[a-z]?|y|e|o|z|zg)$/;
// A word that is only filler weighs this share of an ordinary word: citizens pad questions with them, the
// documents rarely use them, and they should neither sink a passage that has the topic nor lift one that has not.
const FILLER_WEIGHT = 0.25;

export const DEFAULT_COVERAGE: CoverageOptions = { unknownWeight: 1 };

export interface Unit {
  token: string;
  weight: number;
  /** In the question proper (its last clause), not in the story before it. */
  inClause: boolean;
  /** A noun of the question proper that the corpus never uses and the lexicon cannot map ("产假", "护照"). */
  missingTopic?: boolean;
  /** jieba's part of speech of the word, when the unit is a whole word of the question. */
  pos?: string;
  /** Document words standing for it, with their lexicon weight; each is a list of tokens that must all be present. */
  alternatives: { tokens: string[]; weight: number }[];
}

/** The question's units of meaning with their weights: the terms, or a compound's parts when only they are known. */
// The question proper is the last clause: a personal story comes first ("我和老公结婚五年了，…，这房子有我一份吗").
// An English sentence ends at a full stop followed by a space: "I slipped on a wet floor. Can I claim compensation?".
const CLAUSE = /[，,。！？?!；;\n]+|\.(?:\s+|$)/;

/** The text of the question's last clause, with the one before it when the last is too short to carry a topic. */
export function questionClause(matchText: string): string {
  const parts = matchText.split(CLAUSE).filter((p) => p.trim());
  if (!parts.length) return matchText;
  const last = parts[parts.length - 1];
  return last.length < 6 && parts.length > 1 ? `${parts[parts.length - 2]} ${last}` : last;
}

export function questionUnits(
  query: Pick<Query, 'terms' | 'expansions' | 'matchText'> & {
    scopeWords?: readonly string[];
    everydayWords?: readonly string[];
    englishMissing?: readonly string[];
  },
  lexical: Bm25Index,
  tokensOf: (text: string) => string[],
  opts = DEFAULT_COVERAGE,
): Unit[] {
  const clause = questionClause(query.matchText);
  const raw: { token: string; known: boolean; pos?: string }[] = [];
  const scopeWords = new Set(query.scopeWords ?? []);
  for (const { term, parts, pos } of relevantTerms(query.terms, lexical, query.expansions)) {
    // A year or a collection the question names chose the documents searched; it is not what is asked about.
    if (scopeWords.has(term) || /^(?:19|20)\d{2}$/.test(term)) continue;
    const known = parts.filter((p) => lexical.df(p) > 0);
    const units = lexical.df(term) > 0 || known.length === 0 ? [term] : known;
    for (const u of units) if (!raw.some((r) => r.token === u)) raw.push({ token: u, known: lexical.df(u) > 0, pos: u === term ? pos : undefined });
  }
  // Characters jieba left alone that the corpus never uses, side by side in the question ("佐/敦/谷/南", "六耳/铃"),
  // are a name it could not cut: one unknown word, the likely topic, not several weak single characters.
  for (let i = 0; i + 1 < raw.length; i++) {
    const a = raw[i];
    const b = raw[i + 1];
    const single = (r: (typeof raw)[number]) => !r.known && [...r.token].length === 1 && /\p{Script=Han}/u.test(r.token);
    if (single(a) && single(b) && query.matchText.includes(a.token + b.token)) {
      raw.splice(i, 2, { token: a.token + b.token, known: false });
      i--;
    }
  }
  const knownIdf = raw.filter((r) => r.known).map((r) => lexical.idf(r.token));
  const meanIdf = knownIdf.length ? knownIdf.reduce((a, b) => a + b, 0) / knownIdf.length : 1;
  return raw.map(({ token, known, pos }) => {
    // An expansion belongs to the unit it came from: the same word, or a phrase that holds it ("孩子跟谁过" ⊃ "孩子"),
    // and to every other word of the question that reaches the same document word (弟 and 哥 -> 兄弟姐妹).
    const alternatives = query.expansions
      .filter((e) => [e.from, ...(e.also ?? [])].some((f) => f === token || f.includes(token) || token.includes(f)))
      .map((e) => ({ tokens: tokensOf(e.term), weight: e.weight }))
      .filter((a) => a.tokens.length > 0);
    // A word the corpus never uses is what the question is about when it is in the question proper ("护照怎么办",
    // "产假能休多少天"): it weighs as the rarest word would. In the story before it, it is as often padding ("全款",
    // "房产证") and weighs as an ordinary word. Without unknownWeight, every unknown word weighs as the rarest.
    const crux = opts.unknownWeight === undefined || clause.includes(token);
    // A word of two or more characters the corpus never uses, the lexicon cannot map, in the question proper, is
    // most often the very thing asked about ("护照", "产假"): it weighs five times as much (3 and 4 answered more close out-of-scope questions at the same threshold).
    // One character counts too when the lexicon knows it as a topic ("狗", "房"): the corpus has nothing on it.
    const everyday = query.everydayWords?.includes(token) ?? false;
    const tagged = opts.unknownWeight !== undefined && pos !== undefined && !everyday;
    // An unknown single character is more often part of a name jieba cut apart (康/直, 萱/侬) than filler.
    const filler = tagged && FILLER_POS.test(pos) && !alternatives.length && (known || [...token].length > 1);
    // An English word is a topic only when the dictionary knows it and no document uses its Chinese ("passport");
    // one the dictionary does not know ("windscreen") is just an unknown word of the question.
    const latin = LATIN.test(token);
    const englishTopic = (query.englishMissing ?? []).some((k) => k.includes(token) || token.includes(k));
    const topicPos = latin ? englishTopic : !tagged || TOPIC_POS.test(pos);
    const topic =
      !known && !alternatives.length && crux && topicPos && opts.unknownWeight !== undefined && ([...token].length > 1 || everyday) && !FRAME.has(token);
    const ordinary = opts.unknownWeight! * meanIdf;
    const unmapped = latin && !known && !englishTopic && !alternatives.length;
    let base = (known || (crux && !filler && !unmapped) ? lexical.idf(token) : ordinary) * (topic ? UNKNOWN_TOPIC : 1);
    if (filler) base = Math.min(base, ordinary) * FILLER_WEIGHT;
    // One character is weak evidence in Chinese (说, 定, 搞, 给): what it means is carried by the lexicon's words.
    const weight = [...token].length === 1 && !topic && /\p{Script=Han}/u.test(token) && opts.unknownWeight !== undefined ? base * SINGLE_CHAR : base;
    return { token, weight, alternatives, inClause: clause.includes(token), missingTopic: topic, pos };
  });
}

/** Share of the units' weight found in at least one of the chunks `ids` (an alternative counts at its weight). */
export function coverageOfUnits(units: readonly Unit[], lexical: Bm25Index, ids: readonly number[]): number {
  // A term matches in the text or in an article's situation words: both looked up once per unit and index (the
  // re-rank asks this of 20 passages a question), not once per passage. Plain loops, no closures: this runs for
  // every candidate, and V8 kept recompiling the closure-based form (40 ms of compiler time each round).
  let total = 0;
  let found = 0;
  for (const u of units) {
    const r = resolved(u, lexical);
    total += u.weight;
    if (someHas(lexical, ids, r.token)) {
      found += u.weight;
      continue;
    }
    let best = 0;
    for (let i = 0; i < r.alternatives.length; i++) {
      const weight = u.alternatives[i].weight;
      if (weight > best && someHasAll(lexical, ids, r.alternatives[i])) best = weight;
    }
    found += best * u.weight;
  }
  return total ? found / total : 0;
}

/** Whether unit `id` has any of `terms` (term ids). */
function has(lexical: Bm25Index, id: number, terms: readonly number[]): boolean {
  for (let i = 0; i < terms.length; i++) if (lexical.containsTerm(id, terms[i])) return true;
  return false;
}

/** Whether any of `ids` has one of `terms`. */
function someHas(lexical: Bm25Index, ids: readonly number[], terms: readonly number[]): boolean {
  for (let i = 0; i < ids.length; i++) if (has(lexical, ids[i], terms)) return true;
  return false;
}

/** Whether any of `ids` has every token of `tokens` (each as its term ids). */
function someHasAll(lexical: Bm25Index, ids: readonly number[], tokens: readonly (readonly number[])[]): boolean {
  for (let i = 0; i < ids.length; i++) {
    let all = true;
    for (let j = 0; j < tokens.length && all; j++) all = has(lexical, ids[i], tokens[j]);
    if (all) return true;
  }
  return false;
}

/** A unit's terms as term ids of one index: each token as itself and as a situation word (those the index has). */
interface ResolvedUnit {
  token: number[];
  alternatives: number[][][];
}
const resolvedUnits = new WeakMap<Unit, { lexical: Bm25Index; r: ResolvedUnit }>();

/** A token's term ids in the text and in the situation field, those the index has. */
function termIdsOf(lexical: Bm25Index, token: string): number[] {
  const out: number[] = [];
  const plain = lexical.termId(token);
  if (plain !== undefined) out.push(plain);
  const situation = lexical.termId(SITUATION_FIELD + token);
  if (situation !== undefined) out.push(situation);
  return out;
}

function resolved(u: Unit, lexical: Bm25Index): ResolvedUnit {
  const cached = resolvedUnits.get(u);
  if (cached?.lexical === lexical) return cached.r;
  const alternatives: number[][][] = [];
  for (const a of u.alternatives) {
    const tokens: number[][] = [];
    for (const t of a.tokens) tokens.push(termIdsOf(lexical, t));
    alternatives.push(tokens);
  }
  const r = { token: termIdsOf(lexical, u.token), alternatives };
  resolvedUnits.set(u, { lexical, r });
  return r;
}

/** Coverage of the plain terms, without expansions (the measure the decision used before the lexicon). */
export function coverage(terms: QueryTerm[], lexical: Bm25Index, ids: number[]): number {
  return coverageOfUnits(
    questionUnits({ terms, expansions: [], matchText: '' }, lexical, () => [], {}),
    lexical,
    ids,
  );
}

const LATIN = /^[a-z][a-z0-9'-]*$/;
const HAN = /\p{Script=Han}/u;

/**
 * In an English question about Chinese documents ("what does the report say about 新质生产力"), English
 * words the corpus never uses are the question's frame, not its topic: when the question also has Chinese
 * terms, those words are left out. An all-English question keeps them, and is refused unless they match.
 */
export function relevantTerms(terms: QueryTerm[], lexical: Bm25Index, expansions: Query['expansions'] = []): QueryTerm[] {
  // An English word the lexicon or the bridge maps ("GDP" -> 国内生产总值) is a topic in either kind of question.
  // A function word that leads a bridged phrase of function words ("make a will") carries that phrase.
  const mapped = (t: QueryTerm) => expansions.some((e) => e.from === t.term || leadsFunctionPhrase(t.term, e.from));
  // English function words ("have", "them", "before") are the frame of an English question, never its topic.
  const english = terms.filter((t) => !(LATIN.test(t.term) && isEnglishStopword(t.term) && !mapped(t)));
  if (!english.some((t) => HAN.test(t.term))) return english;
  return english.filter((t) => !(LATIN.test(t.term) && lexical.df(t.term) === 0 && !mapped(t)));
}

/**
 * How much of the question a passage's situation words (lexicon/situations.tsv) match: the characters of the
 * question inside a matched word or character pair, and in how many separate stretches. A law article whose
 * curated situation words meet a story in two places ("裁缝…定做…重做" for the article on 承揽) is about that story,
 * however few of the article's own words the story uses.
 */
export function situationMatch(matchText: string, tokens: Iterable<string>, lexical: Bm25Index, id: number): { chars: number; spans: number } {
  const mark = new Uint8Array(matchText.length);
  const words = new Set([...tokens, ...situationPairs(matchText)]);
  for (const t of words) {
    if (!lexical.contains(id, SITUATION_FIELD + t)) continue;
    for (let i = matchText.indexOf(t); i >= 0; i = matchText.indexOf(t, i + 1)) mark.fill(1, i, i + t.length);
  }
  let chars = 0;
  let spans = 0;
  mark.forEach((m, i) => {
    chars += m;
    if (m && !mark[i - 1]) spans++;
  });
  return { chars, spans };
}
