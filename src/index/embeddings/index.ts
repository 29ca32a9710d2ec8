// Embedding providers behind one small contract, chosen by config. The snapshot records `info`;
// a snapshot made by another provider, model or dimension is refused at load.
import type { Embeddings } from '@langchain/core/embeddings';
import type { Config } from '../../config.ts';
import { ConfigError } from '../../errors.ts';
import type { EmbeddingInfo } from '../snapshot.ts';
import { HashEmbeddings, IDF_BUCKETS, type IdfTable } from './hash.ts';
import { openAiProvider } from './openai.ts';
import { transformersProvider } from './transformers.ts';

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

export const HASH_MODEL = 'hash-ngram-v1';

export function createEmbeddingProvider(config: Config['embeddings']): EmbeddingProvider {
  switch (config.provider) {
    case 'hash':
      return hashProvider(config.dim);
    case 'openai':
      return openAiProvider(config);
    case 'transformers':
      return transformersProvider(config);
    default:
      throw new ConfigError(`EMBEDDINGS_PROVIDER=${config.provider satisfies never} is not supported in this build`);
  }
}

function hashProvider(dim: number): EmbeddingProvider {
  const embeddings = new HashEmbeddings({ dim });
  return {
    info: { provider: 'hash', model: HASH_MODEL, dim },
    embeddings,
    fit: (texts) => void embeddings.fit(texts),
    saveState: () => {
      const t = embeddings.idfTable;
      return t ? encodeIdf(t) : undefined;
    },
    restoreState: (state) => {
      if (!state) throw new Error('the hash embedding needs its IDF table (embedding.bin) from the snapshot');
      embeddings.setIdf(decodeIdf(state));
    },
  };
}

export function encodeIdf(t: IdfTable): Buffer {
  const buf = Buffer.alloc(4 + t.df.byteLength);
  buf.writeUInt32LE(t.docs, 0);
  Buffer.from(t.df.buffer, t.df.byteOffset, t.df.byteLength).copy(buf, 4);
  return buf;
}

export function decodeIdf(buf: Buffer): IdfTable {
  if (buf.length !== 4 + IDF_BUCKETS * 4) throw new Error(`IDF table has ${buf.length} bytes, expected ${4 + IDF_BUCKETS * 4}`);
  const df = new Uint32Array(IDF_BUCKETS);
  new Uint8Array(df.buffer).set(buf.subarray(4));
  return { docs: buf.readUInt32LE(0), df };
}
