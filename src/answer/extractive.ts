// The offline answerer: picks the sentences of the retrieved chunks that answer the question, drops
// repeats (overlapping chunks share sentences), and quotes them with [n] markers in the asker's script.

import { SITUATION_FIELD } from '../index/lexical.ts';
import { definitionSubject } from '../retrieve/definition.ts';
import { SITUATION_WEIGHT } from '../retrieve/legs.ts';
import type { Retrieval } from '../retrieve/types.ts';
import { matchForm, toScript } from '../text/normalize.ts';
import type { Query } from '../text/query.ts';
import { escapeRegExp } from '../text/regex.ts';
import { splitSentences } from '../text/sentences.ts';
import type { Hit } from '../types.ts';
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

// A question that asks what something is or means, beyond the "X是什么" form definitionSubject reads.
const ASKS_WHAT = /是什么|什么是|指什么|什么意思|啥意思|是啥|啥是|\bwhat (?:is|are|does)\b|\bmean/i;
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
const ASKS_FOR_LIST = /(哪些|哪几|有什么|包括什么|是谁|有谁|什么条件|啥条件|什么要求|什么情况下|什么情形|\bwhich\b|\bwhat are\b|\bwho are\b)/i;

// A question that asks for a quantity is answered by a sentence with a number in it ("7%左右", "三十日", "两个以上").
// 几 is a determiner after 第/那/这… ("那几年"), and a round number inside a numeral ("十几万", "几十个", "几百块"):
// a story's "借了十几万网贷" asks for no amount.
const ASKS_FOR_AMOUNT =
  /(多少|(?<![第那这好前头近没十])几(?![十百千万])[个天年岁次倍条成分月日周项种]?|多久|多长|多大|百分之几|比例|\bhow (?:much|many|long|old)\b|\bwhat percentage\b|\brate\b)/i;
// A yes/no question ends in one of these; an amount it asks for is named within this many characters of its end.
const YES_NO_END = /(?:吗|么|不|没有|没)$/;
const AMOUNT_NEAR_END = 10;
/** A clause that asks something: it ends in a question particle or holds a question word. */
const QUESTION_CLAUSE =
  /[吗么呢嘛不没]\s*$|什么|怎么|如何|能否|可否|是否|谁|哪|多少|(?<!十)几(?![十百千万])|多久|吗|\bwh(?:at|o|en|ere|y|ich)\b|\bhow\b|\b(?:can|do|does|is|are|should)\b/i;
const HAS_AMOUNT =
  /\d|百分之[一二两三四五六七八九十]|[一二两三四五六七八九十百千万半]+(?:分之[一二两三四五六七八九十百千万]+|[个名项条户份家]?)(?:个|日|天|年|月|周岁|岁|倍|人|次|元|亿|万|成|以上|以下|以内|%)/;

// A question that names the unit it wants ("罚多少钱", "能休几天", "几岁能退", "抓了多少人") is answered only by an
// amount in that unit: "三十日" answers "几天", a sentence with "7%" does not answer "交多少钱".
const NUMERAL = '(?:\\d[\\d.,]*|[一二两三四五六七八九十百千万半几数]+)';
const ASKED_UNITS: readonly [RegExp, string][] = [
  [
    /(?:多少|几)(?:块)?钱|多少元|几块|多少万|(?:费|钱|价格?|款)(?:是|要|得|为|一共|大概)?(?:多少|几)|(?:多少|几)[^，。？?]{0,2}(?:费|价钱)/,
    '(?:元|块|万|亿|角)',
  ],
  [/(?:多少|几)(?:个)?(?:天|日)|休几|(?:几|多少)个?工作日/, '(?:天|日|周|星期|个月|月|年)'],
  [/(?:多少|几)岁|多大(?:年龄|岁数)?(?:才|能|可以)/, '(?:岁|周岁)'],
  [/(?:多少|几)倍/, '倍'],
  // A rate is answered by a percentage: "房贷利率现在降到多少了" is not answered by "利息支出减少约1500亿元".
  [/(?:率|涨幅|增幅|增速|比例|比重)[^，。？?]{0,6}(?:多少|几)/, '(?:%|％|百分之|个百分点|成)'],
  [/(?:多少|几)(?:个)?人|(?:多少|几)名/, '(?:人|名|户)'],
  [/(?:扣|记)(?:多少|几)分/, '分'],
  [/百分之几|百分比|(?:多少|几)(?:个)?百分点|几成/, '(?:%|％|百分之|个百分点|成)'],
  [/多久|多长时间|多少年|几年|多少个?月|几个月/, '(?:年|个月|月|日|天|周|小时)'],
];

// A question that asks when is answered by a sentence with a date or a year in it ("今年７月１日", "1997年").
const ASKS_FOR_DATE = /(什么时候|哪一?天|哪一?年|几月|何时|啥时候|\bwhen\b|\bwhat (?:date|year)\b)/i;
const HAS_DATE =
  /[\d０-９]{1,2}月[\d０-９]{1,2}[日号]|[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}[日号]|[\d０-９]{4}年|[一二][〇零一二三四五六七八九]{3}年/;

// "能不能/可以吗/合法吗/算不算数" asks what the law allows: a sentence that says it (可以, 不得, 应当, 有权, 无效…) answers.
const ASKS_IF_ALLOWED =
  /(能不能|可不可以|可以吗|可以不|能吗|能.{0,6}[吗不]$|合法吗|违法吗|有效吗|算不算|算数|行不行|中不中|管不管|要不要|该不该|\bcan i\b|\bis it legal\b|\bam i allowed\b)/i;
const SAYS_IF_ALLOWED = /可以|不得|应当|有权|无权|无效|有效|禁止|必须|不承担|承担|准予|不予/;

// A short quoted name ("“三个代表”", "“两个确立”", "“四个现代化”") is a slogan, not an amount.
const QUOTED_NAME = /[“"「][^”"」]{1,10}[”"」]/g;

/** A sentence as the amount patterns read it: without its article label and its quoted names. */
function amountText(folded: string): string {
  return folded.replace(ARTICLE_LABEL, '').replace(QUOTED_NAME, '');
}

/** The unit an amount must carry to answer the question, as a pattern; undefined when any number will do. */
export function askedUnit(questionMatchText: string): RegExp | undefined {
  const found = ASKED_UNITS.filter(([asks]) => asks.test(questionMatchText)).map(([, unit]) => unit);
  if (!found.length) return undefined;
  return new RegExp(`${NUMERAL}[^，。；]{0,3}?(?:${found.join('|')})`);
}

/** The words a question is weighed by: its own tokens at their IDF, and the document words of its everyday ones lower. */
export function questionWeights(
  context: AnswerContext,
  query: Pick<Query, 'tokens' | 'expansionTokens'>,
  discount: ReadonlySet<string> = new Set(),
): Map<string, number> {
  const weights = new Map<string, number>();
  // Words that name the document ("民法典", "政府工作报告", the year) chose it; they do not pick a sentence in it.
  const w = (t: string) => context.lexical.idf(t) * (discount.has(t) ? 0.2 : 1);
  for (const t of query.tokens) weights.set(t, w(t));
  for (const [t, weight] of query.expansionTokens) if (!weights.has(t)) weights.set(t, w(t) * weight);
  return weights;
}

// How much a sentence's passage counts by its retrieval score relative to the first passage's. It replaced a prior
// on the place alone (0.15 / (1 + place)), which set the second of two near-equal articles as far behind as a
// distant fifth: a story ("继成权可以放弃吗，要怎么放弃") found its article second and quoted the third, which has
// more of the question's words in one sentence. Measured on the citizen dev set (with LIST_OPENER_BONUS): 12
// answers more right, 3 fewer (349 in scope), hold-out +2; 0.3-0.5 give the same within 1, and keeping a share of
// the place prior lost 2-3.
const RETRIEVAL_WEIGHT = 0.4;
// What a sentence that opens a list gains when the question asks for the members of a set ("收养人要符合什么条件").
// 0.2 since RETRIEVAL_WEIGHT: at 0.1 a fifth-ranked article's "收养人应当同时具备下列条件" lost to the first's rule.
const LIST_OPENER_BONUS = 0.2;

/**
 * Each hit's retrieval score as a share of the first hit's, never above an earlier hit's share: the order is the
 * final one (a follow-up's or a chapter's passages may be moved ahead of higher-scored ones), and it is kept.
 */
function retrievalStanding(hits: readonly { score?: number }[]): number[] {
  const first = hits[0]?.score;
  const out: number[] = [];
  hits.forEach((hit, i) => {
    const share = first && hit.score !== undefined ? hit.score / first : 0;
    out.push(i === 0 ? 1 : Math.min(out[i - 1], share));
  });
  return out;
}

/** Score every sentence of the top hits by the question's weight it contains, its passage's retrieval standing and its form. */
export function scoreSentences(
  context: AnswerContext,
  weights: ReadonlyMap<string, number>,
  hits: readonly { chunk: { text: string }; chunkId?: number; score?: number }[],
  questionMatchText = '',
): Candidate[] {
  const asksForList = ASKS_FOR_LIST.test(questionMatchText);
  const asksDefinition = definitionSubject(questionMatchText) !== undefined || ASKS_WHAT.test(questionMatchText);
  const asksAmount = asksForAmount(questionMatchText);
  const asksForDate = ASKS_FOR_DATE.test(questionMatchText);
  const asksIfAllowed = ASKS_IF_ALLOWED.test(questionMatchText.replace(/[?？。!！\s]+$/, ''));
  const unit = asksAmount ? askedUnit(questionMatchText) : undefined;
  const q = [...weights.keys()];
  const total = [...weights.values()].reduce((a, b) => a + b, 0) || 1;
  const out: Candidate[] = [];
  const standing = retrievalStanding(hits);
  hits.forEach((hit, hitIndex) => {
    const text = hit.chunk.text;
    // A law article found by its situation words ("借钱 没说什么时候还") answers in its own words: each of its
    // sentences is credited with those words, at the weight retrieval gave them.
    const { contains } = context.lexical;
    const id = hit.chunkId;
    const situation = contains && id !== undefined ? q.filter((t) => contains.call(context.lexical, id, SITUATION_FIELD + t)) : [];
    // The items of a list ("主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上；…") are read with
    // the words of the sentence that opens it: "就业目标是多少" is answered by the item on jobs.
    let opener: ReadonlySet<string> = new Set();
    for (const s of splitSentences(text)) {
      const sentence = text.slice(s.start, s.end);
      // Folded once: the tokens and the cue patterns below both read the matching form.
      const folded = matchForm(sentence);
      const tokens = new Set(context.tokenizer.tokensOfMatchForm(folded.replace(ARTICLE_LABEL, '')));
      const read = opener.size ? new Set([...tokens, ...opener]) : tokens;
      const colon = folded.search(/[：:]/);
      if (colon >= 0) opener = new Set(context.tokenizer.tokensOfMatchForm(folded.slice(0, colon).replace(ARTICLE_LABEL, '')));
      else if (/[。！？!?]$/.test(sentence)) opener = new Set();
      let found = 0;
      for (const t of q) if (read.has(t)) found += weights.get(t)!;
      for (const t of situation) if (!read.has(t)) found += weights.get(t)! * SITUATION_WEIGHT;
      if (found === 0) continue;
      // Retrieval ranked the passages with more than these words (both legs, the lexicon, situation words): how close
      // a passage came to the first counts, not only its place (see RETRIEVAL_WEIGHT).
      let score = found / total + RETRIEVAL_WEIGHT * standing[hitIndex];
      // A sentence that names a question term in quotes, or defines it, is likely the answer.
      const named = q.filter((t) => t.length > 1 && folded.includes(t));
      if (named.some((t) => new RegExp(`[“"「]${escapeRegExp(t)}[”"」]`).test(folded))) score += 0.1;
      // A sentence that defines a question term answers a question that asks what it is, or opens a list ("主要预期
      // 目标是："); a story's question ("借了两万没说利息，能要利息吗") is not answered by "借款合同是…的合同".
      else if ((asksDefinition || /[：:]/.test(sentence)) && named.some((t) => new RegExp(`${escapeRegExp(t)}${DEFINITION_CUE.source}`).test(folded)))
        score += 0.05;
      if (asksForList && LIST_OPENER.test(sentence)) score += LIST_OPENER_BONUS;
      if (asksAmount) score += (unit ?? HAS_AMOUNT).test(amountText(folded)) ? 0.1 : -0.1;
      if (asksForDate) score += HAS_DATE.test(folded.replace(ARTICLE_LABEL, '')) ? 0.1 : -0.05;
      if (asksIfAllowed && SAYS_IF_ALLOWED.test(folded)) score += 0.1;
      // Headings and list fragments; a short complete sentence ("禁止家庭暴力。") is a full answer and keeps its score.
      if (sentence.length < 12 && !TERMINATED.test(sentence)) score *= 0.5;
      out.push({ hitIndex, start: s.start, text: sentence, tokens, score });
    }
  });
  return out.sort((a, b) => b.score - a.score || a.hitIndex - b.hitIndex || a.start - b.start);
}

/**
 * Whether the question asks for an amount. Two questions in one message, one of them not about an amount
 * ("能要利息吗？起诉交多少诉讼费？"), do not: the other is answered, and the amount alone does not decide.
 */
function asksForAmount(questionMatchText: string): boolean {
  if (!ASKS_FOR_AMOUNT.test(questionMatchText)) return false;
  // A yes/no question whose amount words all come well before its end tells a story with them ("帮邻居看着电动车，他
  // 出门几天结果车被偷了，我要赔吗"): it asks whether, not how much.
  const end = questionMatchText.replace(/[?？!！。\s]+$/, '');
  if (YES_NO_END.test(end) && !ASKS_FOR_AMOUNT.test(end.slice(-AMOUNT_NEAR_END))) return false;
  const asks = questionMatchText.split(/[?？!！。]/).filter((c) => QUESTION_CLAUSE.test(c));
  return !(asks.length > 1 && asks.some((c) => !ASKS_FOR_AMOUNT.test(c)));
}

/** Whether the question asks for an amount and none of the chosen sentences gives one: then it is not answered. */
export function missesAmount(questionMatchText: string, chosen: readonly { text: string; before?: string }[], documentWords: readonly string[] = []): boolean {
  if (!asksForAmount(questionMatchText)) return false;
  const amount = askedUnit(questionMatchText) ?? HAS_AMOUNT;
  // The amount must be said of what the question is about: "延迟退休以后几岁能退" is not answered by the age of
  // marrying quoted beside it ("男不得早于二十二周岁"), only by a sentence that also names retiring. The document
  // words of the question's everyday words count, whole (物价 -> 居民消费价格).
  const about = new Set([...topicPairs(questionMatchText), ...documentWords]);
  const personal = PER_PERSON.test(questionMatchText);
  return !chosen.some((c) => {
    const text = matchForm(c.text).replace(ARTICLE_LABEL, '');
    // The topic may be named by a heading just before the figure: "———经济快速发展。国内生产总值比上年增长9.1%".
    const said = c.before ? `${matchForm(c.before)}${text}` : text;
    const figures = amountText(text);
    // What one buyer or one family gets ("买一台空调能补多少钱") is not answered by a national total ("3000亿元").
    if (personal && !figures.replace(NATIONAL_TOTAL, '').match(amount)) return false;
    return amount.test(figures) && (!about.size || [...about].some((p) => said.includes(p)));
  });
}

// A question about what one person, family or item gets, and the amounts of a national budget that do not answer it.
const PER_PERSON = /(?:一台|每台|一辆|每辆|一个人|每人|每个人|每户|每月|一个月|俺家|我家|俺娃|我家孩子|我能|俺能|我们家)[^，。？?]{0,12}(?:多少|几)/;
const NATIONAL_TOTAL = /[\d.,一二两三四五六七八九十百千万]+\s*(?:万)?亿(?:元)?/g;

// Characters that make a pair of characters a frame of the question ("是多", "我的"), not its topic.
const FRAME_CHARS = /[的是了吗呢么嘛啊呀吧我你他她它们这那哪有在和与就都也要能会可以得到多少几个什怎样谁还]/;

/** The question's pairs of adjacent Han characters that may name its topic (延迟, 退休, 赤字, 交强). */
function topicPairs(questionMatchText: string): Set<string> {
  const pairs = new Set<string>();
  for (const run of questionMatchText.match(/\p{Script=Han}{2,}/gu) ?? []) {
    for (let i = 0; i + 1 < run.length; i++) {
      const pair = run.slice(i, i + 2);
      if (!FRAME_CHARS.test(pair)) pairs.add(pair);
    }
  }
  return pairs;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let inter = 0;
  for (const t of a) if (b.has(t)) inter++;
  return inter / (a.size + b.size - inter || 1);
}

// A sentence this short before a figure is its heading ("———经济快速发展。"), which names what the figure is of.
const HEADING_CHARS = 16;

/** The short heading-like sentence just before the one starting at `start`, or ''. */
function sentenceBefore(text: string, start: number): string {
  const prev = splitSentences(text).filter((s) => s.end <= start);
  const last = prev[prev.length - 1];
  return last && last.end - last.start <= HEADING_CHARS ? text.slice(last.start, last.end) : '';
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

// The best sentence of the passage retrieval ranked first is quoted when it scores at least this share of the best
// sentence: retrieval read the whole passage (and an article's situation words), a sentence's own words are fewer.
// Measured on the citizen dev set: one personal story more answered ("他倒回来要分房子" -> 丧失继承权 over 遗产分割),
// 8 of 280 answers gain a citation, none loses one; 0 (always) cited another year on the hold-out.
const TOP_PASSAGE_SHARE = 0.5;

/** The chosen sentences, led by the top passage's best one when none of them is from it and it scores close. */
export function withTopPassage(chosen: Candidate[], scored: readonly Candidate[]): Candidate[] {
  if (!chosen.length || chosen.some((c) => c.hitIndex === 0)) return chosen;
  const top = scored.find((c) => c.hitIndex === 0);
  return top && top.score >= TOP_PASSAGE_SHARE * chosen[0].score ? [top, ...chosen] : chosen;
}

/** Adds a sentence that joins the chosen ones (a list item, the rest of a rule or article), unless it is there. */
function addSentence(out: Candidate[], hitIndex: number, start: number, text: string): boolean {
  if (out.some((o) => o.hitIndex === hitIndex && o.start === start)) return false;
  out.push({ hitIndex, start, text, tokens: new Set(), score: 0 });
  return true;
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
      if (!addSentence(out, c.hitIndex, s.start, item)) continue;
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
    // Two questions in one are answered each from its own passages; when none of the parts the documents seemed to
    // answer yields a sentence ("误工费按一天多少钱算" has no figure), the message is answered as a whole, where the
    // other question ("除了医药费还能要哪些钱") is.
    let picked = retrieval.parts?.length && !retrieval.article ? this.chooseEach(retrieval.parts, context) : undefined;
    if (!picked?.chosen.length) picked = this.chooseAll(query, retrieval, context);
    const { hits, chosen } = picked;
    if (!chosen.length) return { answer: '', found: false, citations: [], source: 'extractive' };
    // One citation per chunk, numbered by the order of its best sentence; sentences in document order.
    let order: number[] = [];
    for (const c of chosen) if (!order.includes(c.hitIndex)) order.push(c.hitIndex);
    // Quotes from reports of several years ("今年…" in each) are labelled with their year, newest first, so a
    // figure is never read as another year's.
    const yearOf = (i: number) => hits[i].doc.meta?.year;
    const years = new Set(order.map(yearOf).filter((y) => y !== undefined));
    // A question that asks when ("漫游费是哪一年说取消的") is answered by the year of the report that says it, even
    // when the quotes all come from one report: "今年" in the quote does not say which year that was.
    const labelYears = years.size > 1 || (years.size === 1 && ASKS_FOR_DATE.test(query.matchText));
    if (labelYears) order = [...order].sort((a, b) => (yearOf(b) ?? 0) - (yearOf(a) ?? 0));
    const lines: string[] = [];
    const citations = order.map((hitIndex, i) => {
      const sentences = chosen.filter((c) => c.hitIndex === hitIndex).sort((a, b) => a.start - b.start);
      const quote = sentences.map((s) => s.text).join('');
      const body = toScript(quote, register.script);
      const y = yearOf(hitIndex);
      const label = labelYears && y !== undefined ? (register.lang === 'en' ? `(${y}) ` : `【${y}年】`) : '';
      lines.push(register.lang === 'en' ? `${label}“${body}” [${i + 1}]` : `${label}${body}[${i + 1}]`);
      return citationFor(i + 1, hits[hitIndex], quote);
    });
    return { answer: [extractiveLead(register), ...lines].join('\n'), found: true, citations, source: 'extractive' };
  }

  private chooseAll(query: Query, retrieval: Retrieval, context: AnswerContext): { hits: Hit[]; chosen: Candidate[] } {
    const hits = retrieval.hits.slice(0, this.opts.maxHits);
    return { hits, chosen: retrieval.article ? articleSentences(hits, this.opts) : this.choose(query, retrieval, context, hits) };
  }

  /**
   * Two questions in one: each part's sentences chosen from its own passages with its own words, then quoted
   * together (a passage both parts quote is cited once). A part the documents do not answer adds nothing.
   */
  private chooseEach(parts: readonly Retrieval[], context: AnswerContext): { hits: Hit[]; chosen: Candidate[] } {
    const hits: Hit[] = [];
    const chosen: Candidate[] = [];
    for (const part of parts) {
      const own = this.chooseAll(part.query, part, context);
      for (const c of own.chosen) {
        const hit = own.hits[c.hitIndex];
        let at = hits.findIndex((h) => h.chunkId === hit.chunkId);
        if (at < 0) at = hits.push(hit) - 1;
        if (!chosen.some((o) => o.hitIndex === at && o.start === c.start)) chosen.push({ ...c, hitIndex: at });
      }
    }
    return { hits, chosen };
  }

  private choose(query: Query, retrieval: Retrieval, context: AnswerContext, hits: readonly Hit[]): Candidate[] {
    const q = retrieval.query;
    const discount = new Set(hits.flatMap((h) => context.tokenizer.tokensOfMatchForm(matchForm(h.doc.title))));
    for (const y of q.scope.years) discount.add(String(y));
    const scored = scoreSentences(context, questionWeights(context, q, discount), hits, query.matchText);
    const chosen = withWholeArticle(withClauseEnds(withListItems(withTopPassage(selectSentences(scored, this.opts), scored), hits, this.opts), hits), hits);
    // Words that stand for the asking itself (几岁 -> 周岁) say nothing of the topic.
    const topic = q.expansions.filter((e) => !ASKS_FOR_AMOUNT.test(e.from)).map((e) => e.term);
    const withBefore = chosen.map((c) => ({ text: c.text, before: sentenceBefore(hits[c.hitIndex].chunk.text, c.start) }));
    return missesAmount(query.matchText, withBefore, topic) ? [] : chosen;
  }
}

// A law's rule split by "；" is read to its full stop, at most this many more characters: "由双方协议处理；" is not
// the rule without "协议不成的，由人民法院…按照照顾子女、女方和无过错方权益的原则判决".
const CLAUSE_END_CHARS = 160;

/** Each chosen sentence of a law that ends in "；" brings the sentences of its rule up to the full stop. */
export function withClauseEnds(chosen: Candidate[], hits: readonly Hit[]): Candidate[] {
  const out = [...chosen];
  for (const c of chosen) {
    const hit = hits[c.hitIndex];
    if (hit.doc.meta?.kind !== 'law' || !/[；;]$/.test(c.text)) continue;
    const text = hit.chunk.text;
    let budget = CLAUSE_END_CHARS;
    for (const s of splitSentences(text).filter((x) => x.start > c.start)) {
      const sentence = text.slice(s.start, s.end);
      if (LIST_ITEM.test(sentence) || sentence.length > budget) break;
      addSentence(out, c.hitIndex, s.start, sentence);
      budget -= sentence.length;
      if (!/[；;]$/.test(sentence)) break;
    }
  }
  return out;
}

// A law article up to this long is quoted whole when its sentence answers: a rule is not read without its
// exception ("动物园应当承担侵权责任；但是，能够证明尽到管理职责的，不承担侵权责任").
const WHOLE_ARTICLE_CHARS = 320;

/**
 * Each quoted article, whole, when it is a short article of a law: the rest of its sentences join the chosen ones.
 * Measured on the citizen dev set against the best sentence's article alone: one answer more right ("排水沟给堵了":
 * "对自然流水的排放，应当尊重自然流向" is the second sentence of the third article quoted), one on the hold-out.
 */
export function withWholeArticle(chosen: Candidate[], hits: readonly Hit[]): Candidate[] {
  const out = [...chosen];
  for (const i of new Set(chosen.map((c) => c.hitIndex))) {
    const hit = hits[i];
    if (hit.doc.meta?.kind !== 'law' || !ARTICLE_LABEL.test(hit.chunk.text) || hit.chunk.text.length > WHOLE_ARTICLE_CHARS) continue;
    for (const s of splitSentences(hit.chunk.text)) addSentence(out, i, s.start, hit.chunk.text.slice(s.start, s.end));
  }
  return out;
}

/** The cited article itself, whole (its chunks are the first hits), with its list items, up to the length limits. */
export function articleSentences(hits: readonly Hit[], opts: ExtractiveOptions): Candidate[] {
  const label = hits[0]?.chunk.section;
  const out: Candidate[] = [];
  let chars = 0;
  hits.forEach((hit, hitIndex) => {
    if (hit.chunk.section !== label) return;
    for (const s of splitSentences(hit.chunk.text)) {
      const text = hit.chunk.text.slice(s.start, s.end);
      if (chars + text.length > opts.maxChars + opts.maxListChars && out.length) return;
      out.push({ hitIndex, start: s.start, text, tokens: new Set(), score: 1 });
      chars += text.length;
    }
  });
  return out;
}
