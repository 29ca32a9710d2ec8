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

// The IDF table on disk (embedding.bin). Dense: the document count and every bucket's df as uint32 (1 MB whatever
// the corpus). Sparse: a magic, the document count, the number of non-zero buckets, then for each its distance
// from the previous one and its df as LEB128 varints. A small corpus fills few of the 262k buckets (a county's 33k
// characters: 1 MB dense, the rest of its index 0.6 MB); the smaller form is written, and both are read.
const SPARSE_IDF_MAGIC = 0x32464449; // "IDF2" little-endian

export function encodeIdf(t: IdfTable): Buffer {
  const sparse = encodeSparseIdf(t);
  if (sparse.length < 4 + t.df.byteLength) return sparse;
  const buf = Buffer.alloc(4 + t.df.byteLength);
  buf.writeUInt32LE(t.docs, 0);
  Buffer.from(t.df.buffer, t.df.byteOffset, t.df.byteLength).copy(buf, 4);
  return buf;
}

function encodeSparseIdf(t: IdfTable): Buffer {
  const bytes: number[] = [];
  const varint = (n: number) => {
    for (; n >= 0x80; n = Math.floor(n / 0x80)) bytes.push((n % 0x80) | 0x80);
    bytes.push(n);
  };
  let count = 0;
  let last = -1;
  for (let i = 0; i < t.df.length; i++) {
    if (t.df[i] === 0) continue;
    varint(i - last);
    varint(t.df[i]);
    last = i;
    count++;
    // Past the dense size the sparse form cannot win: stop collecting.
    if (bytes.length > 4 + t.df.byteLength) break;
  }
  const head = Buffer.alloc(12);
  head.writeUInt32LE(SPARSE_IDF_MAGIC, 0);
  head.writeUInt32LE(t.docs, 4);
  head.writeUInt32LE(count, 8);
  return Buffer.concat([head, Buffer.from(bytes)]);
}

export function decodeIdf(buf: Buffer): IdfTable {
  if (buf.length === 4 + IDF_BUCKETS * 4) {
    const df = new Uint32Array(IDF_BUCKETS);
    new Uint8Array(df.buffer).set(buf.subarray(4));
    return { docs: buf.readUInt32LE(0), df };
  }
  if (buf.length < 12 || buf.readUInt32LE(0) !== SPARSE_IDF_MAGIC) {
    throw new Error(`IDF table has ${buf.length} bytes: neither the dense form (${4 + IDF_BUCKETS * 4} bytes) nor the sparse one`);
  }
  const df = new Uint32Array(IDF_BUCKETS);
  let at = 12;
  const varint = () => {
    let n = 0;
    for (let scale = 1; ; scale *= 0x80) {
      if (at >= buf.length) throw new Error('IDF table (sparse) is cut short');
      const b = buf[at++];
      n += (b & 0x7f) * scale;
      if (b < 0x80) return n;
    }
  };
  let bucket = -1;
  for (let k = buf.readUInt32LE(8); k > 0; k--) {
    bucket += varint();
    if (bucket >= IDF_BUCKETS) throw new Error(`IDF table (sparse) names bucket ${bucket}, past ${IDF_BUCKETS}`);
    df[bucket] = varint();
  }
  if (at !== buf.length) throw new Error(`IDF table (sparse) has ${buf.length - at} bytes after its last bucket`);
  return { docs: buf.readUInt32LE(4), df };
}
