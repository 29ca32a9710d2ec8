// The two legs of the hybrid retriever: BM25 over the question's jieba tokens, and HNSW over its embedding.
import type { Embeddings } from '@langchain/core/embeddings';
import type { Bm25Index, ScoredId } from '../index/lexical.ts';
import type { VectorIndex } from '../index/vector.ts';
import type { Query } from '../text/query.ts';
import type { Leg } from './types.ts';

export class LexicalLeg implements Leg {
  constructor(private readonly index: Bm25Index) {}

  async search(query: Query, k: number, skip?: Uint8Array): Promise<ScoredId[]> {
    return query.tokens.length ? this.index.search(query.tokens, k, skip) : [];
  }
}

export class VectorLeg implements Leg {
  constructor(
    private readonly index: VectorIndex,
    private readonly embeddings: Embeddings,
  ) {}

  async search(query: Query, k: number, skip?: Uint8Array): Promise<ScoredId[]> {
    return this.index.search(await this.embeddings.embedQuery(query.text), k, skip);
  }
}
