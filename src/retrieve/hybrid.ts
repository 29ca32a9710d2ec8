// The hybrid retriever: BM25 over jieba tokens and HNSW over embeddings, fused, with a calibrated
// "nothing relevant" decision so out-of-scope questions are refused instead of answered from noise.

import type { Bm25Index } from '../index/lexical.ts';
import { matchForm } from '../text/normalize.ts';
import type { OutsideTopics } from '../text/outside.ts';
import type { Query } from '../text/query.ts';
import { type CatalogDoc, isScoped } from '../text/scope.ts';
import type { Chunk, DocInfo, Hit } from '../types.ts';
import { definitionSubject, definitionTest } from './definition.ts';
import { reciprocalRankFusion, relativeScoreFusion } from './fusion.ts';
import { coverageOfUnits, questionUnits, situationMatch, type Unit } from './relevance.ts';
import { type DocRange, scopeChunks } from './scoping.ts';
import type { Legs, Retrieval, Retriever, RetrieverOptions } from './types.ts';

// A question may be answered from two passages ("last year's growth, and this year's target?"): the first two
// hits together may supply the coverage. Measured with `npm run eval` (see README, Evaluation).
const JOINT_HITS = 2;
// Weight of a question word the corpus never uses, as a share of the mean weight of its known words.
const UNKNOWN_WEIGHT = 1;
// The share of the question's weight at which a missing topic alone refuses (see retrieveIn). A name or a term
// (a proper noun, an abbreviation, a word jieba does not know, one of three or more characters such as 电动自行车,
// an English word whose Chinese no document uses: "新北市", "gold medals") refuses at half: 0.5 refused 23 more of
// 600 Wikipedia questions on the shipped corpus for 2 of 150 citizen questions. A two-character everyday word
// ("私下", "算数", "总价"), often a predicate jieba tags as a noun, refuses only at 0.7, and below that asks for
// DOUBTED_COVERAGE: citizens' questions written blind lost 3 of 115 answers to such words, the hold-out 2 of 48
// (all answered now); the Wikipedia probe went from 89.4% to 89.3% refused (docs/evaluation.md).
const MISSING_NAME_SHARE = 0.5;
const MISSING_WORD_SHARE = 0.7;
const NAME_POS = /^(?:n[rstz]|x|eng|j)$/;
// A question with an everyday word no document uses, at half its weight or more (below MISSING_WORD_SHARE), is
// answered only when the passages hold this share of it, not MIN_COVERAGE's.
const DOUBTED_COVERAGE = 0.25;
// The newest document's passage leads an answer to a question naming no year when it covers at least this share
// of what the best passage covers.
const CURRENT_SHARE = 0.3;
// The first candidates are re-ordered by fused score (share of the best) and coverage of the question's units,
// this much coverage. Measured with `npm run eval -- --quick`: hybrid hit@1 0.940 -> 0.963 (drcd-dev), 0.973 ->
// 0.977 (cmrc2018-trial), citizen hit@1 0.533 -> 0.547; 0.25 and 0.5 do no better, the depth (10-40) does not matter.
const RERANK_WEIGHT = 0.35;
const RERANK_DEPTH = 20;
// A list question's passages that open a list ("下列情形之一", "包括：") move up this much in the re-rank.
const ASKS_LIST = /哪些|哪几|有什么|包括什么|\bwhich\b|\bwhat are\b/i;
const LIST_HEAD = /下列[^。；]{0,12}[：:]|包括[：:]/;
const LIST_BONUS = 0.1;
// A question whose best passage's situation words match it in at least this many characters, in this many separate
// places, is answered whatever its coverage (see situated). Measured on the citizen dev set: 3 wrongly refused
// stories answered, no out-of-scope question answered; one place of 3 characters ("生孩子") let one through.
const SITUATION_CHARS = 4;
const SITUATION_SPANS = 2;
// A question that names a year's report ("1975年那会儿报告讲的头一步是啥") has told us which document answers it: the
// coverage it needs is this share of MIN_COVERAGE. Measured on the citizen dev set: one rural named-year question
// answered, no out-of-scope question more answered (those name a report that lacks the topic, and stay refused).
const NAMED_REPORT_SHARE = 0.5;
// How much a personal question's non-law passages keep of their fused score (see preferRights).
const OTHER_KIND_FACTOR = 0.6;

export interface RetrieverParts {
  chunks: Chunk[];
  /**
   * Chunks whose text repeats an earlier chunk's (a notice republished verbatim): left out of both legs, so
   * copies of one passage do not crowd the candidates and the answer never cites the same words twice.
   */
  copies?: Uint8Array;
  docs: Map<string, DocInfo>;
  /** Documents with their metadata, and where each one's chunks are: for year and document scoping. */
  catalog: readonly CatalogDoc[];
  ranges: readonly DocRange[];
  /** The BM25 index, read for the relevance decision whichever legs are used. */
  lexical: Bm25Index;
  /** Whether the documents name something ("红楼梦"): a word of the index, or a title they quote in 《》. */
  mentioned?: (name: string) => boolean;
  /** Tokens of a document word (an expansion such as "饲养的动物"), as the index has them. */
  tokensOf: (text: string) => string[];
  legs: Legs;
  /** Topics governed by laws the corpus lacks (辞职 -> 劳动合同法): refused with the law named, see outsideOf. */
  outside?: OutsideTopics;
}

/**
 * For a definition question, candidates that define its subject move ahead of those that only mention it,
 * keeping their order among themselves. Other questions are untouched.
 */
export function preferDefinitions<T extends { id: number }>(
  query: Pick<Query, 'matchText'>,
  fused: T[],
  chunks: Chunk[],
  folded: (id: number) => string = (id) => matchForm(chunks[id].text),
): T[] {
  const subject = definitionSubject(query.matchText);
  if (!subject) return fused;
  const defines = definitionTest(subject);
  const defining = fused.filter((f) => defines(folded(f.id)));
  if (!defining.length) return fused;
  const first = new Set(defining);
  return [...defining, ...fused.filter((f) => !first.has(f))];
}

// An article that only defines a kind of contract or act ("借款合同是借款人向贷款人借款，到期返还借款并支付利息的合同。"):
// it shares a situation question's words (借款, 利息) and never answers one (none of the dev set's 349 in-scope
// questions; it led the retrieval for 5 of them). Only its first sentence is read, after the article label.
const DEFINING_ARTICLE =
  /^(?:第[一二三四五六七八九十百千零]+[编章节][^第]*)*第[一二三四五六七八九十百千零]+条\s*[^。；]{0,60}(?:是指|是[^。；]{2,60}的(?:合同|行为|人|权利|组织))。/;
const DEFINING_FACTOR = 0.8;

/** Whether a passage is an article that only defines (DEFINING_ARTICLE). */
export function isDefiningArticle(text: string): boolean {
  return DEFINING_ARTICLE.test(text.replace(/\s+/g, ''));
}

/**
 * For any other question than a definition question, articles that only define move down among the first `depth`
 * candidates (the ones the re-rank reorders); `defining` is asked once per passage and remembered by the caller.
 */
export function demoteDefinitions<T extends { id: number; score: number }>(
  query: Pick<Query, 'matchText'>,
  fused: T[],
  defining: (id: number) => boolean,
  depth = RERANK_DEPTH,
): T[] {
  if (definitionSubject(query.matchText)) return fused;
  const head = fused.slice(0, depth);
  if (!head.some((f) => defining(f.id))) return fused;
  const moved = head.map((f) => (defining(f.id) ? { ...f, score: f.score * DEFINING_FACTOR } : f));
  moved.sort((a, b) => b.score - a.score || a.id - b.id);
  return [...moved, ...fused.slice(depth)];
}

/** The questions of a text that asks more than one ("…怎么分？要交税吗？"), each with the story before it. */
export function subQuestions(matchText: string): string[] {
  const parts = matchText
    .split(/(?<=[？?])/)
    .map((p) => p.trim())
    .filter((p) => [...p.replace(/[？?\s]/g, '')].length >= 4);
  return parts.length < 2 ? [] : parts;
}

export class HybridRetriever implements Retriever {
  constructor(
    readonly parts: RetrieverParts,
    readonly options: RetrieverOptions,
  ) {}

  /**
   * Chunk texts in matching form, folded the first time a definition question reads them: a definition question
   * tests each of its ~100 candidates, and folding one (OpenCC's Traditional -> Simplified above all) takes ~45 µs,
   * 4.5 ms a question at 16k chunks. Holds at most the corpus text once, as the engine's title lookup does.
   */
  private readonly foldedChunks: (string | undefined)[] = [];
  // Per chunk: 0 not read yet, 1 an article that only defines, 2 any other passage (demoteDefinitions).
  private definingChunks?: Uint8Array;
  readonly defining = (id: number): boolean => {
    const marks = (this.definingChunks ??= new Uint8Array(this.parts.chunks.length));
    if (!marks[id]) marks[id] = isDefiningArticle(this.parts.chunks[id].text) ? 1 : 2;
    return marks[id] === 1;
  };
  readonly folded = (id: number): string => (this.foldedChunks[id] ??= matchForm(this.parts.chunks[id].text));

  async retrieve(query: Query, overrides: Partial<RetrieverOptions> = {}): Promise<Retrieval> {
    const found = await this.retrieveIn(query, overrides);
    return this.preferCurrent(query, found, overrides);
  }

  /**
   * A question that names no year about a series of dated documents ("国家定的经济增长目标是多少啊") means the
   * current one: when the newest document of that series answers it too, its passage comes first, and the
   * answer labels each year's figure, newest first. A question only an older report answers ("四个现代化是
   * 哪四个") keeps its hits: the newest document does not cover it.
   */
  private async preferCurrent(query: Query, found: Retrieval, overrides: Partial<RetrieverOptions>): Promise<Retrieval> {
    const top = found.hits[0]?.doc.meta;
    if (!found.relevant || found.article || top?.year === undefined || query.scope.years.length || query.scope.documents.length) return found;
    const newest = Math.max(...this.parts.catalog.filter((d) => d.meta.collection === top.collection && d.meta.year !== undefined).map((d) => d.meta.year!));
    if (top.year === newest) return found;
    const current = await this.retrieveIn({ ...query, scope: { ...query.scope, years: [newest], explicitYears: false } }, overrides);
    const best = current.hits[0];
    if (!current.relevant || !best || best.doc.meta?.year !== newest || current.coverage < found.coverage * CURRENT_SHARE) return found;
    const rest = found.hits.filter((h) => h.chunkId !== best.chunkId);
    return { ...found, hits: [best, ...rest].slice(0, Math.max(found.hits.length, 1)) };
  }

  private async retrieveIn(query: Query, overrides: Partial<RetrieverOptions>): Promise<Retrieval> {
    const o = { ...this.options, ...overrides };
    const { legs, chunks, docs, copies, catalog, ranges } = this.parts;
    const scoped = scopeChunks(query.scope, catalog, ranges, chunks, copies, this.parts.mentioned);
    const base = { query, coverage: 0, vectorScore: 0, missingYears: scoped.missingYears, missingDocuments: scoped.missingDocuments };
    if (scoped.empty) return { ...base, hits: [], relevant: false };
    const filter = { skip: scoped.skip, rows: scoped.rows };
    const lex = legs.lexical ? await legs.lexical.search(query, o.candidates, filter) : [];
    const vec = legs.vector ? await legs.vector.search(query, o.candidates, filter) : [];
    // The question's units are read once: the re-rank, the coverage and the missing-topic check all weigh them.
    const units = this.units(query);
    let fused = this.preferRights(query, o.fusion === 'rrf' ? reciprocalRankFusion(lex, vec, o) : relativeScoreFusion(lex, vec, o));
    fused = preferDefinitions(query, this.rerankByCoverage(query, demoteDefinitions(query, fused, this.defining), units), chunks, this.folded);
    // A cited article ("第1079条") is looked up by its label, ahead of whatever else matches the words.
    if (scoped.article.length) {
      const first = new Set(scoped.article);
      const top = fused[0]?.score ?? 1;
      fused = [...scoped.article.map((id) => ({ id, score: top + 1 })), ...fused.filter((f) => !first.has(f.id))];
    }
    const hits: Hit[] = fused.slice(0, o.topK).map((f) => {
      const chunk = chunks[f.id];
      return { ...f, chunkId: f.id, chunk, doc: docs.get(chunk.docId)! };
    });
    const vectorScore = vec.length ? vec[0].score : 0;
    const coverage = this.coverage(query, hits, units);
    const article = scoped.article.length > 0;
    // Answer a cited article, or when the best passages hold enough of what the question asks (its own words and
    // the document words they stand for); the threshold is calibrated on the citizen dev set (docs/evaluation.md).
    // "X是什么?" is answered only by passages that name X: "数字乡村驿站" is not defined by passages on 乡村 and 数字.
    const subject = definitionSubject(query.matchText);
    const named = !subject || hits.slice(0, JOINT_HITS).some((h) => this.folded(h.chunkId).includes(subject));
    // A noun the corpus never uses that carries half the question's weight ("怎么申请办理护照", "西域的军政中心") is
    // what is asked about, and no passage has it, however much of the rest they hold.
    const total = units.reduce((a, u) => a + u.weight, 0) || 1;
    const aName = (u: Unit) => /[a-z]/.test(u.token) || u.pos === undefined || NAME_POS.test(u.pos) || [...u.token].length > 2;
    const lacks = units.some((u) => u.missingTopic && u.weight / total >= (aName(u) ? MISSING_NAME_SHARE : MISSING_WORD_SHARE));
    // An everyday word short of that share still asks for more of the rest to be found (电动 on a marriage-law corpus:
    // a passage holding only 材料 is no answer).
    const doubted = units.some((u) => u.missingTopic && u.weight / total >= MISSING_NAME_SHARE);
    // A topic another law governs ("辞职", "工伤"), that no passage found names, is that law's question.
    const outside = article ? [] : this.outsideOf(query, hits);
    if (outside.length) return { ...base, hits, relevant: false, coverage, vectorScore, article, missingDocuments: outside };
    // A question that names a year's report needs less of its words found there (NAMED_REPORT_SHARE).
    const namesReport = query.scope.explicitYears && query.scope.kinds.includes('work-report');
    const minCoverage = Math.max(namesReport ? o.minCoverage * NAMED_REPORT_SHARE : o.minCoverage, doubted ? DOUBTED_COVERAGE : 0);
    const evidence = () => coverage >= minCoverage || vectorScore >= o.minVectorScore || this.situated(query, hits[0]);
    const relevant = hits.length > 0 && (article || (!lacks && named && query.terms.length > 0 && evidence()));
    return { ...base, hits, relevant, coverage, vectorScore, article };
  }

  /**
   * The first candidates re-ordered by how much of what the question asks each one holds (its units, with the
   * document words its everyday words stand for), blended with the fused score: a passage that matches the
   * story's many words ("钱", "一直") yields to one that holds the question proper.
   */
  rerankByCoverage<T extends { id: number; score: number }>(query: Query, fused: T[], units: readonly Unit[] = this.units(query)): T[] {
    // Only the hybrid retriever re-ranks: a retriever with one leg (the evaluation measures each leg alone) stays pure.
    if (fused.length < 2 || !this.parts.legs.lexical || !this.parts.legs.vector) return fused;
    const { lexical } = this.parts;
    if (!units.length) return fused;
    const head = fused.slice(0, RERANK_DEPTH);
    const top = head[0].score || 1;
    // "哪些情形下婚姻无效" asks for a list: the passage that holds one ("有下列情形之一的，婚姻无效：") answers it.
    const listed = ASKS_LIST.test(query.matchText) ? (id: number) => (LIST_HEAD.test(this.parts.chunks[id].text) ? LIST_BONUS : 0) : () => 0;
    const scored = head.map((f) => ({ f, s: (1 - RERANK_WEIGHT) * (f.score / top) + RERANK_WEIGHT * coverageOfUnits(units, lexical, [f.id]) + listed(f.id) }));
    scored.sort((a, b) => b.s - a.s || a.f.id - b.f.id);
    return [...scored.map((x) => x.f), ...fused.slice(RERANK_DEPTH)];
  }

  /**
   * Whether the best passage's situation words meet the question's story in separate places, covering enough of
   * it: a story in everyday words ("找裁缝定做的西装…能让他重做吗") is about the article those words describe, though
   * it shares too few of the article's words to pass the coverage threshold.
   */
  private situated(query: Query, hit: Hit): boolean {
    const m = situationMatch(query.matchText, query.tokens, this.parts.lexical, hit.chunkId);
    return m.chars >= SITUATION_CHARS && m.spans >= SITUATION_SPANS;
  }

  /**
   * The laws the corpus does not hold that govern what the question asks about (lexicon/outside.tsv), when none of
   * the first passages names the topic itself and no document's title names the law.
   */
  private outsideOf(query: Query, hits: readonly Hit[]): string[] {
    // A question about the local documents ("洋县…") is theirs, whatever province it also names.
    const topics = query.scope.kinds.includes('local') ? [] : (this.parts.outside?.in(query.matchText) ?? []);
    if (!topics.length) return [];
    const first = hits.slice(0, JOINT_HITS).map((h) => this.folded(h.chunkId));
    // The topic counts as named in its document words too: 个税起征点 is named by "个人所得税起征点".
    const forms = (word: string) => [word, ...query.expansions.filter((e) => word.includes(e.from)).map((e) => word.replace(e.from, e.term))];
    const laws = topics
      .filter((t) => !forms(t.word).some((w) => first.some((text) => text.includes(w))) && !this.parts.catalog.some((d) => d.title.includes(t.law)))
      .map((t) => t.law);
    return [...new Set(laws)];
  }

  /** The question's units of meaning with their weights, as the relevance decision reads them. */
  private units(query: Query): Unit[] {
    return questionUnits(query, this.parts.lexical, this.parts.tokensOf, { unknownWeight: UNKNOWN_WEIGHT });
  }

  /**
   * A question about one's own situation that names no year or document ("我老公在外面借了钱…") is about rights and
   * duties, which laws set out, rather than the national reports, whose many words ("钱", "一直") otherwise win.
   */
  preferRights<T extends { id: number; score: number }>(query: Query, fused: T[]): T[] {
    if (!query.personal || isScoped(query.scope)) return fused;
    const { chunks, docs } = this.parts;
    const isLaw = (f: T) => docs.get(chunks[f.id].docId)?.meta?.kind === 'law';
    if (!fused.some(isLaw)) return fused;
    return fused.map((f) => (isLaw(f) ? f : { ...f, score: f.score * OTHER_KIND_FACTOR })).sort((a, b) => b.score - a.score || a.id - b.id);
  }

  /**
   * Best share of the question's weight found in one of the hits, or in the first two together; the document
   * words an everyday word stands for count at their lexicon weight, and words the corpus never uses count as an
   * ordinary word (measured on the citizen dev set: as the rarest word, every personal story was refused).
   */
  coverage(query: Query, hits: readonly Hit[], units: readonly Unit[] = this.units(query)): number {
    const { lexical } = this.parts;
    const ids = hits.map((h) => h.chunkId);
    const best = (u: readonly Unit[]) =>
      Math.max(0, coverageOfUnits(u, lexical, ids.slice(0, JOINT_HITS)), ...ids.map((id) => coverageOfUnits(u, lexical, [id])));
    const whole = best(units);
    // Two questions in one ("…怎么分？分的时候要交遗产税吗？"): each is judged on its own, and the question is answered
    // when one of them is covered; the answer then quotes what the documents say on that one.
    const asked = subQuestions(query.matchText);
    if (asked.length < 2) return whole;
    return Math.max(whole, ...asked.map((part) => best(this.units({ ...query, matchText: part }).filter((u) => part.includes(u.token)))));
  }
}
