// The offline embedding: hashed character unigrams and bigrams and Latin words over the matching form, weighted by
// an IDF table fitted on the corpus at full ingest and then frozen, sublinear tf, L2-normalized.
// Frozen IDF keeps every stored vector valid across incremental refreshes, like a real, fixed model.
// Features are hashed straight from the text's UTF-16 code units (FNV-1a, extended one unit at a time), with no
// substring or string-keyed map per feature: the same hashes as hashing each n-gram string, several times faster.
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
// Tested on a run's first UTF-16 unit, as the string-keyed version did (a run opening with a supplementary-plane
// character hashes whole, like a Latin word).
const HAN_UNIT = /\p{Script=Han}/u;

const FNV_OFFSET = 0x811c9dc5; // the bucket (and sign) hash
const IDF_SEED = 0x9e3779b1; // the IDF table's hash

const step = (h: number, unit: number) => Math.imul(h ^ unit, 0x01000193) >>> 0;

function fnv1a(s: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) h = step(h, s.charCodeAt(i));
  return h;
}

/**
 * The distinct features of a text in matching form, in order of first occurrence, with their counts: a reusable
 * open-addressing table keyed by both hashes (two different n-grams sharing 64 bits of hash are ignored).
 */
class FeatureTable {
  private size = 0;
  private bucketHash = new Uint32Array(0);
  private idfHash = new Uint32Array(0);
  private slotOf = new Int32Array(0); // hash slot -> feature index + 1 (0: empty)
  /** Per distinct feature, in first-occurrence order. */
  n = 0;
  bucket = new Uint32Array(0);
  idf = new Uint32Array(0);
  count = new Uint32Array(0);
  order = new Uint8Array(0);
  start = new Int32Array(0);
  length = new Int32Array(0);

  private reset(units: number): void {
    const need = 2 * units + 1; // at most one unigram and one bigram per code unit
    if (need > this.bucket.length) {
      this.bucket = new Uint32Array(need);
      this.idf = new Uint32Array(need);
      this.count = new Uint32Array(need);
      this.order = new Uint8Array(need);
      this.start = new Int32Array(need);
      this.length = new Int32Array(need);
    }
    let size = 16;
    while (size < 2 * need) size *= 2;
    // The table of this text is the first `size` slots of arrays that only grow: new arrays whenever the size
    // changed (from one chunk to the next, most of the time) were ~250 MB of ArrayBuffers over the 100x distinct
    // corpus, each freed only by a full collection: +13 MB of external memory and +29 MB RSS during the IDF fit.
    if (size > this.slotOf.length) {
      this.bucketHash = new Uint32Array(size);
      this.idfHash = new Uint32Array(size);
      this.slotOf = new Int32Array(size);
    } else this.slotOf.fill(0, 0, size);
    this.size = size;
    this.n = 0;
  }

  private add(hb: number, hi: number, order: number, start: number, length: number): void {
    const mask = this.size - 1;
    for (let s = (hb ^ Math.imul(hi, 0x9e3779b1)) & mask; ; s = (s + 1) & mask) {
      const f = this.slotOf[s] - 1;
      if (f < 0) {
        this.slotOf[s] = this.n + 1;
        this.bucketHash[s] = hb;
        this.idfHash[s] = hi;
        const i = this.n++;
        this.bucket[i] = hb;
        this.idf[i] = hi;
        this.count[i] = 1;
        this.order[i] = order;
        this.start[i] = start;
        this.length[i] = length;
        return;
      }
      if (this.bucketHash[s] === hb && this.idfHash[s] === hi) {
        this.count[f]++;
        return;
      }
    }
  }

  /** 1- and 2-grams of Han runs; whole Latin/number words count as order 2. */
  scan(folded: string): this {
    this.reset(folded.length);
    for (const m of folded.matchAll(HAN_RUN)) {
      const run = m[0];
      const at = m.index;
      if (!HAN_UNIT.test(run[0])) {
        this.add(fnv1a(run, FNV_OFFSET), fnv1a(run, IDF_SEED), 2, at, run.length);
        continue;
      }
      // Unigrams first, then bigrams: the first-occurrence order of the string-keyed version, so vectors sum
      // their terms in the same order and come out bit for bit the same.
      for (let i = 0; i < run.length; i++) {
        const u = run.charCodeAt(i);
        this.add(step(FNV_OFFSET, u), step(IDF_SEED, u), 1, at + i, 1);
      }
      for (let i = 0; i + 1 < run.length; i++) {
        const u = run.charCodeAt(i);
        const v = run.charCodeAt(i + 1);
        this.add(step(step(FNV_OFFSET, u), v), step(step(IDF_SEED, u), v), 2, at + i, 2);
      }
    }
    return this;
  }
}

const shared = new FeatureTable();

/** Features of a text -> [tf, order]: 1- and 2-grams of Han runs; whole Latin/number words count as order 2. */
export function features(text: string): Map<string, [number, number]> {
  const folded = matchForm(text);
  const t = shared.scan(folded);
  const out = new Map<string, [number, number]>();
  for (let i = 0; i < t.n; i++) out.set(folded.slice(t.start[i], t.start[i] + t.length[i]), [t.count[i], t.order[i]]);
  return out;
}

export class HashEmbeddings extends Embeddings {
  readonly dim: number;
  private idf?: IdfTable;
  /** log((docs + 1) / (df + 0.5)) per IDF bucket, computed once per table instead of once per feature. */
  private idfWeights?: Float64Array;
  private readonly acc: Float64Array;

  constructor(opts: HashEmbeddingsOptions) {
    super({});
    this.dim = opts.dim;
    this.acc = new Float64Array(opts.dim);
    if (opts.idf) this.setIdf(opts.idf);
  }

  /** Count document frequencies over `texts` (the corpus chunks). Replaces any previous table. */
  fit(texts: Iterable<string>): IdfTable {
    return this.fitFolded(Array.from(texts, matchForm));
  }

  /**
   * `fit` over texts already in matching form (ingest folds each chunk once, for this and the tokenizer). Text i
   * counts `times[i]` times (default 1): the table of a corpus with copies, each text scanned once.
   */
  fitFolded(folded: Iterable<string>, times?: ArrayLike<number>): IdfTable {
    const df = new Uint32Array(IDF_BUCKETS);
    let docs = 0;
    let k = 0;
    for (const t of folded) {
      const n = times ? times[k++] : 1;
      docs += n;
      const f = shared.scan(t);
      for (let i = 0; i < f.n; i++) df[f.idf[i] % IDF_BUCKETS] += n;
    }
    this.setIdf({ docs, df });
    return { docs, df };
  }

  get idfTable(): IdfTable | undefined {
    return this.idf;
  }

  setIdf(idf: IdfTable): void {
    this.idf = idf;
    // A plain loop: Float64Array.from with a mapping function was half of a small corpus's fit (262k buckets).
    const weights = new Float64Array(idf.df.length);
    for (let i = 0; i < weights.length; i++) weights[i] = Math.log((idf.docs + 1) / (idf.df[i] + 0.5));
    this.idfWeights = weights;
  }

  /** Components of `acc` that may be nonzero, for the next `accumulate` to clear and `embedFoldedRows` to copy. */
  private touched: number[] = [];

  /** The vector of a text in matching form, unnormalized, in `this.acc`; returns its norm. */
  private accumulate(folded: string): number {
    const v = this.acc;
    for (const j of this.touched) v[j] = 0;
    this.touched.length = 0;
    const f = shared.scan(folded);
    const weights = this.idfWeights;
    for (let i = 0; i < f.n; i++) {
      const count = f.count[i];
      const w = ORDER_WEIGHT[f.order[i]] * (count === 1 ? 1 : 1 + Math.log(count)) * (weights ? weights[f.idf[i] % IDF_BUCKETS] : 1);
      if (w <= 0) continue;
      const h = f.bucket[i];
      const j = h % this.dim;
      if (v[j] === 0) this.touched.push(j);
      v[j] += h & 0x80000000 ? -w : w;
    }
    let norm = 0;
    for (let i = 0; i < v.length; i++) norm += v[i] * v[i];
    return Math.sqrt(norm) || 1;
  }

  /** The vector of a text in matching form, written to `out[offset .. offset + dim)`. */
  embedFoldedInto(folded: string, out: Float32Array, offset = 0): void {
    const norm = this.accumulate(folded);
    const v = this.acc;
    for (let i = 0; i < v.length; i++) out[offset + i] = v[i] / norm;
  }

  /**
   * Row `r` of `folded` (texts in matching form) for each of `rows`, into `out` at `(r - first) * dim` (`out`
   * holds rows from `first` on), which must still be zero there: only the components a text touches are written.
   * Ingest's path.
   */
  embedFoldedRows(folded: readonly string[], rows: readonly number[], out: Float32Array, first = 0): void {
    for (const r of rows) {
      const norm = this.accumulate(folded[r]);
      const offset = (r - first) * this.dim;
      for (const j of this.touched) out[offset + j] = this.acc[j] / norm;
    }
  }

  embedText(text: string): number[] {
    const norm = this.accumulate(matchForm(text));
    // A filled array and a loop, not Array.from(acc, fn): the same numbers in 2 µs instead of 20 (at 1,024).
    const out = new Array<number>(this.dim).fill(0);
    for (let i = 0; i < out.length; i++) out[i] = this.acc[i] / norm;
    return out;
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((t) => this.embedText(t));
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.embedText(text);
  }
}
