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
  /**
   * A provider that embeds the matching form (the hash provider) also takes it ready-made: ingest folds each
   * chunk once, for it and for the tokenizer. `fitFolded` replaces `fit`; row `rows[i]` of `folded` goes to
   * `out` at `(rows[i] - first) * dim` (`out` holds a block of rows from `first`), with no number[] in between.
   */
  folded?: {
    /** `times[i]`: how many chunks text i stands for (a document's copies are folded once); 1 when absent. */
    fit(folded: readonly string[], times?: ArrayLike<number>): void;
    embedInto(folded: readonly string[], rows: readonly number[], out: Float32Array, first?: number): void;
  };
  /**
   * Its question vectors have few nonzero components (the hash embedding's character n-grams), so an exact scan
   * of the columns they touch (flat.ts) beats an HNSW graph, which is then neither built nor stored.
   */
  flatSearch?: boolean;
  /** Fitted state to store in the snapshot, and to restore from it. */
  saveState?(): Buffer | undefined;
  restoreState?(state: Buffer | undefined): void;
}
