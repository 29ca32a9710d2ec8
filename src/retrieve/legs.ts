// The two legs of the hybrid retriever: BM25 over the question's jieba tokens (and, weighted lower, the document
// words its everyday words stand for), and the vector index (an exact scan for the hash embedding, HNSW for dense
// ones) over the embedding of the question with those words.
import type { Embeddings } from '@langchain/core/embeddings';
import { type Bm25Index, type ScoredId, SITUATION_FIELD } from '../index/lexical.ts';
import type { VectorSearch } from '../index/vector.ts';
import type { Query } from '../text/query.ts';
import { situationPairs } from '../text/situations.ts';
import type { Leg, LegFilter } from './types.ts';

export class LexicalLeg implements Leg {
  constructor(private readonly index: Bm25Index) {}

  async search(query: Query, k: number, filter: LegFilter = {}): Promise<ScoredId[]> {
    if (!query.tokens.length && !query.expansionTokens.size) return [];
    return this.index.search(query.tokens, k, filter.skip, withSituations(query));
  }
}

/**
 * How much a question word found among an article's situation words counts against the same word in its text.
 * Measured on the citizen dev set (npm run eval): see docs/evaluation.md.
 */
export const SITUATION_WEIGHT = 0.6;
/** How much a character pair of the question found among an article's situation words counts (measured likewise). */
export const SITUATION_PAIR_WEIGHT = 0.15;

/** The expansion terms, plus every question and expansion token once more in the situation field, weighted lower. */
function withSituations(query: Query): Map<string, number> {
  const extra = new Map(query.expansionTokens);
  for (const t of query.tokens) extra.set(SITUATION_FIELD + t, SITUATION_WEIGHT);
  for (const [t, w] of query.expansionTokens) if (!extra.has(SITUATION_FIELD + t)) extra.set(SITUATION_FIELD + t, SITUATION_WEIGHT * w);
  // The question's character pairs meet the situation words where jieba cut the two differently (结婚前 / 婚前买房).
  for (const p of situationPairs(query.matchText)) if (!extra.has(SITUATION_FIELD + p)) extra.set(SITUATION_FIELD + p, SITUATION_PAIR_WEIGHT);
  return extra;
}

/** What the vector leg embeds: the question, then the document words for its everyday or English words. */
export function embeddedText(query: Query): string {
  return query.expansions.length ? `${query.text}\n${query.expansions.map((e) => e.term).join(' ')}` : query.text;
}

export class VectorLeg implements Leg {
  constructor(
    private readonly index: VectorSearch,
    private readonly embeddings: Embeddings,
  ) {}

  async search(query: Query, k: number, filter: LegFilter = {}): Promise<ScoredId[]> {
    const vector = await this.embeddings.embedQuery(embeddedText(query));
    return filter.rows ? this.index.searchWithin(vector, k, filter.rows) : this.index.search(vector, k, filter.skip);
  }
}
