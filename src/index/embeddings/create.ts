// The factory: the embedding provider chosen by config (the contract is in types.ts, so providers never import
// the factory that imports them).
import type { Config } from '../../config.ts';
import { ConfigError } from '../../errors.ts';
import { HashEmbeddings, IDF_BUCKETS, type IdfTable } from './hash.ts';
import { openAiProvider } from './openai.ts';
import { transformersProvider } from './transformers.ts';
import type { EmbeddingProvider } from './types.ts';

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
    folded: {
      fit: (folded, times) => void embeddings.fitFolded(folded, times),
      embedInto: (folded, rows, out, first) => embeddings.embedFoldedRows(folded, rows, out, first),
    },
    flatSearch: true,
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
