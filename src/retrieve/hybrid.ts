// The hybrid retriever: BM25 over jieba tokens and HNSW over embeddings, fused, with a calibrated
// "nothing relevant" decision so out-of-scope questions are refused instead of answered from noise.

import type { Bm25Index } from '../index/lexical.ts';
import type { Query } from '../text/query.ts';
import type { CatalogDoc } from '../text/scope.ts';
import type { Chunk, DocInfo, Hit } from '../types.ts';
import { definesSubject, definitionSubject } from './definition.ts';
import { reciprocalRankFusion, relativeScoreFusion } from './fusion.ts';
import { coverage as coverageOf } from './relevance.ts';
import { type DocRange, scopeChunks } from './scoping.ts';
import type { Legs, Retrieval, Retriever, RetrieverOptions } from './types.ts';

// A question may be answered from two passages ("last year's growth, and this year's target?"): the first two
// hits together may supply the coverage. Measured with `npm run eval` (see README, Evaluation).
const JOINT_HITS = 2;

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
  legs: Legs;
}

/**
 * For a definition question, candidates that define its subject move ahead of those that only mention it,
 * keeping their order among themselves. Other questions are untouched.
 */
export function preferDefinitions<T extends { id: number }>(query: Pick<Query, 'matchText'>, fused: T[], chunks: Chunk[]): T[] {
  const subject = definitionSubject(query.matchText);
  if (!subject) return fused;
  const defining = fused.filter((f) => definesSubject(chunks[f.id].text, subject));
  if (!defining.length) return fused;
  const first = new Set(defining);
  return [...defining, ...fused.filter((f) => !first.has(f))];
}

export class HybridRetriever implements Retriever {
  constructor(
    readonly parts: RetrieverParts,
    readonly options: RetrieverOptions,
  ) {}

  async retrieve(query: Query, overrides: Partial<RetrieverOptions> = {}): Promise<Retrieval> {
    const o = { ...this.options, ...overrides };
    const { lexical, legs, chunks, docs, copies, catalog, ranges } = this.parts;
    const scoped = scopeChunks(query.scope, catalog, ranges, chunks, copies);
    const base = { query, coverage: 0, vectorScore: 0, missingYears: scoped.missingYears };
    if (scoped.empty) return { ...base, hits: [], relevant: false };
    const filter = { skip: scoped.skip, rows: scoped.rows };
    const lex = legs.lexical ? await legs.lexical.search(query, o.candidates, filter) : [];
    const vec = legs.vector ? await legs.vector.search(query, o.candidates, filter) : [];
    let fused = preferDefinitions(query, o.fusion === 'rrf' ? reciprocalRankFusion(lex, vec, o) : relativeScoreFusion(lex, vec, o), chunks);
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
    const terms = query.terms;
    const ids = hits.map((h) => h.chunkId);
    const coverage = Math.max(0, coverageOf(terms, lexical, ids.slice(0, JOINT_HITS)), ...ids.map((id) => coverageOf(terms, lexical, [id])));
    const vectorScore = vec.length ? vec[0].score : 0;
    const relevant = hits.length > 0 && (scoped.article.length > 0 || (terms.length > 0 && (coverage >= o.minCoverage || vectorScore >= o.minVectorScore)));
    return { ...base, hits, relevant, coverage, vectorScore, article: scoped.article.length > 0 };
  }
}
