// The embedding provider contract, apart from the factory and the providers. The snapshot records `info`;
// a snapshot made by another provider, model or dimension is refused at load.
import type { Embeddings } from '@langchain/core/embeddings';

export interface EmbeddingInfo {
  provider: string;
  model: string;
  dim: number;
}

export interface EmbeddingProvider {
  info: EmbeddingInfo;
  embeddings: Embeddings;
  /**
   * Learn what only the model can tell (its dimension, by embedding a probe text): until then a model-backed
   * provider reports dim 0. Idempotent; ingest awaits it before embedding. Loading a snapshot does not need it.
   */
  init?(): Promise<void>;
  /** Providers that learn from the corpus (the hash provider's IDF) fit here at a full ingest. */
  fit?(texts: string[]): void;
  /** Fitted state to store in the snapshot, and to restore from it. */
  saveState?(): Buffer | undefined;
  restoreState?(state: Buffer | undefined): void;
}
