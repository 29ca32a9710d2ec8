// The two legs of the hybrid retriever: BM25 over the question's jieba tokens, and HNSW over its embedding.
import type { Embeddings } from '@langchain/core/embeddings';
import type { Bm25Index, ScoredId } from '../index/lexical.ts';
import type { VectorIndex } from '../index/vector.ts';
import type { Leg } from './types.ts';

export class LexicalLeg implements Leg {
  constructor(private readonly index: Bm25Index) {}

  async search(_question: string, queryTokens: string[], k: number, skip?: Uint8Array): Promise<ScoredId[]> {
    return queryTokens.length ? this.index.search(queryTokens, k, skip) : [];
  }
}

export class VectorLeg implements Leg {
  constructor(
    private readonly index: VectorIndex,
    private readonly embeddings: Embeddings,
  ) {}

  async search(question: string, _queryTokens: string[], k: number, skip?: Uint8Array): Promise<ScoredId[]> {
    return this.index.search(await this.embeddings.embedQuery(question), k, skip);
  }
}
