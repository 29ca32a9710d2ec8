// The offline embedding: hashed character unigrams and bigrams and Latin words over the matching form, weighted by
// an IDF table fitted on the corpus at full ingest and then frozen, sublinear tf, L2-normalized.
// Frozen IDF keeps every stored vector valid across incremental refreshes, like a real, fixed model.
import { Embeddings } from '@langchain/core/embeddings';
import { matchForm } from '../../text/normalize.ts';

export const IDF_BUCKETS = 1 << 18;

/** Document frequencies of hashed features, and the number of texts they were counted over. */
export interface IdfTable {
  docs: number;
  df: Uint32Array;
}

export interface HashEmbeddingsOptions {
  dim: number;
  idf?: IdfTable;
}

// Relative weight of each n-gram order: bigrams carry most of the meaning of Chinese words.
// Measured on drcd-dev and cmrc2018-trial: trigrams add collisions more than meaning at 1024 dimensions.
const ORDER_WEIGHT = [0, 0.35, 1, 0];
const HAN_RUN = /[\p{Script=Han}]+|[a-z0-9]+/gu;

function fnv1a(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Features of a text -> [tf, order]: 1- and 2-grams of Han runs; whole Latin/number words count as order 2. */
export function features(text: string): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  const add = (f: string, order: number) => {
    const cur = out.get(f);
    if (cur) cur[0]++;
    else out.set(f, [1, order]);
  };
  for (const m of matchForm(text).matchAll(HAN_RUN)) {
    const run = m[0];
    if (!/\p{Script=Han}/u.test(run[0])) {
      add(run, 2);
      continue;
    }
    for (let n = 1; n <= 2; n++) for (let i = 0; i + n <= run.length; i++) add(run.slice(i, i + n), n);
  }
  return out;
}

export class HashEmbeddings extends Embeddings {
  readonly dim: number;
  private idf?: IdfTable;

  constructor(opts: HashEmbeddingsOptions) {
    super({});
    this.dim = opts.dim;
    this.idf = opts.idf;
  }

  /** Count document frequencies over `texts` (the corpus chunks). Replaces any previous table. */
  fit(texts: Iterable<string>): IdfTable {
    const df = new Uint32Array(IDF_BUCKETS);
    let docs = 0;
    for (const t of texts) {
      docs++;
      for (const f of features(t).keys()) df[fnv1a(f, 0x9e3779b1) % IDF_BUCKETS]++;
    }
    this.idf = { docs, df };
    return this.idf;
  }

  get idfTable(): IdfTable | undefined {
    return this.idf;
  }

  setIdf(idf: IdfTable): void {
    this.idf = idf;
  }

  private weight(f: string): number {
    if (!this.idf) return 1;
    const df = this.idf.df[fnv1a(f, 0x9e3779b1) % IDF_BUCKETS];
    return Math.log((this.idf.docs + 1) / (df + 0.5));
  }

  embedText(text: string): number[] {
    const v = new Float64Array(this.dim);
    for (const [f, [count, order]] of features(text)) {
      const w = ORDER_WEIGHT[order] * (1 + Math.log(count)) * this.weight(f);
      if (w <= 0) continue;
      const h = fnv1a(f);
      v[h % this.dim] += h & 0x80000000 ? -w : w;
    }
    let norm = 0;
    for (let i = 0; i < v.length; i++) norm += v[i] * v[i];
    norm = Math.sqrt(norm) || 1;
    return Array.from(v, (x) => x / norm);
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((t) => this.embedText(t));
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.embedText(text);
  }
}
