// The retrieval contracts: what a retriever returns, the options it takes, and the leg interface that each
// ranked source of candidates (BM25, vectors) implements so a retriever is composed from legs, not switched.
import type { ScoredId } from '../index/lexical.ts';
import type { Query } from '../text/query.ts';
import type { Hit } from '../types.ts';
import type { FusionOptions } from './fusion.ts';

export interface Retrieval {
  hits: Hit[];
  /** False when nothing retrieved is about the question: the answer must be a refusal. */
  relevant: boolean;
  /** The query retrieved with (a follow-up's may join the previous question). */
  query: Query;
  /** Best share of the question's IDF mass found in one top hit, or in the first two together (0..1). */
  coverage: number;
  /** Best cosine from the vector leg. */
  vectorScore: number;
  /** Years the question names that the corpus has no report of: said in the reply, never answered from others. */
  missingYears: number[];
  /** Documents the question names that the corpus does not have ("《劳动合同法》"). */
  missingDocuments: string[];
  /** The hits start with the article the question cites. */
  article?: boolean;
  /**
   * Two questions in one message: each retrieved on its own, those the documents answer, in the order asked. An
   * answerer that quotes answers each from its own passages (a part's words do not pick the other part's quote).
   */
  parts?: Retrieval[];
}

export interface RetrieverOptions extends FusionOptions {
  /** Relative score fusion (default, measured better) or reciprocal-rank fusion. */
  fusion: 'rsf' | 'rrf';
  topK: number;
  candidates: number;
  /** Share of the question's IDF mass a chunk must contain to count as relevant. */
  minCoverage: number;
  /** Cosine at which the vector leg alone makes a hit relevant. */
  minVectorScore: number;
}

export interface Retriever {
  retrieve(query: Query, overrides?: Partial<RetrieverOptions>): Promise<Retrieval>;
}

/** Which chunks a leg may return. */
export interface LegFilter {
  /** Flags chunks to leave out: copies of an earlier chunk, and chunks outside the question's scope. */
  skip?: Uint8Array;
  /** When the scope is narrow: the only chunks to consider (an exact search over them beats a graph walk). */
  rows?: readonly number[];
}

/** One ranked source of candidate chunks. */
export interface Leg {
  search(query: Query, k: number, filter?: LegFilter): Promise<ScoredId[]>;
}

/** The legs a retriever fuses; a missing leg contributes nothing (the evaluation measures each leg alone). */
export interface Legs {
  lexical?: Leg;
  vector?: Leg;
}
