// A compact in-memory BM25 index over token lists: postings in typed arrays, a binary on-disk form.
// Chosen over SQLite FTS5 (see README: measured in `npm run bench`): jieba tokens, our own stopwords and
// per-term IDF for the relevance decision need control FTS5's tokenizer API does not give from Node.

export interface Bm25Params {
  k1: number;
  b: number;
}

export interface ScoredId {
  id: number;
  score: number;
}

const MAGIC = 0x57_5a_42_4d; // "WZBM"

export class Bm25Index {
  private readonly termIds: Map<string, number>;
  private readonly avgdl: number;
  private scratch?: Float32Array;
  private lengthNorms?: Float64Array;
  private touchedScratch?: Uint32Array;
  /** No unit skipped: read in place of a missing `skip`, so the postings loop has one form. */
  private none?: Uint8Array;

  private constructor(
    readonly vocab: string[],
    private readonly offsets: Uint32Array, // postings of term t: [offsets[t], offsets[t+1])
    private readonly ids: Uint32Array,
    private readonly tfs: Uint16Array,
    private readonly lens: Float32Array,
    readonly params: Bm25Params,
  ) {
    this.termIds = new Map(vocab.map((t, i) => [t, i]));
    let total = 0;
    for (const l of lens) total += l;
    this.avgdl = lens.length ? total / lens.length : 0;
  }

  get size(): number {
    return this.lens.length;
  }

  static build(docs: string[][], params: Bm25Params = { k1: 1.2, b: 0.75 }): Bm25Index {
    const builder = new Bm25Builder();
    for (const tokens of docs) builder.add(tokens);
    return builder.build(params);
  }

  /** @internal The builder's result: postings of each term in unit order, vocabulary sorted. */
  static fromParts(vocab: string[], offsets: Uint32Array, ids: Uint32Array, tfs: Uint16Array, lens: Float32Array, params: Bm25Params): Bm25Index {
    return new Bm25Index(vocab, offsets, ids, tfs, lens, params);
  }

  /** Number of indexed units containing `term`. */
  df(term: string): number {
    const t = this.termIds.get(term);
    return t === undefined ? 0 : this.offsets[t + 1] - this.offsets[t];
  }

  /** BM25 IDF (Lucene's non-negative form). A term absent from the corpus gets the highest possible IDF. */
  idf(term: string): number {
    const n = this.df(term);
    return Math.log(1 + (this.size - n + 0.5) / (n + 0.5));
  }

  /** Whether unit `id` contains `term` (binary search in the sorted postings). */
  contains(id: number, term: string): boolean {
    const t = this.termIds.get(term);
    return t !== undefined && this.containsTerm(id, t);
  }

  /** The number of `term` in the vocabulary, for `containsTerm`; undefined when no unit has it. */
  termId(term: string): number | undefined {
    return this.termIds.get(term);
  }

  /** `contains` for a term already looked up with `termId`: the test the relevance decision repeats per passage. */
  containsTerm(id: number, t: number): boolean {
    let lo = this.offsets[t];
    let hi = this.offsets[t + 1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.ids[mid];
      if (v === id) return true;
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  /** The `k` best units for the query; units flagged in `skip` are left out (copies of another unit). */
  /**
   * The `k` best units for the query tokens. `extra` adds weighted terms (document words an everyday word stands
   * for, counted below the citizen's own words); `skip` flags units to leave out (copies, or outside the scope).
   */
  search(query: string[], k: number, skip?: Uint8Array, extra?: ReadonlyMap<string, number>): ScoredId[] {
    const { k1, b } = this.params;
    // One score array for all queries, zeroed again below where this query wrote: allocating and zeroing one per
    // query was a third of the lexical leg at 22k chunks. search is synchronous, so no two queries share it.
    const scores = (this.scratch ??= new Float32Array(this.size));
    // Each unit's length normalization, k1 * (1 - b + b * len / avgdl), computed once per index instead of once per
    // posting (a division each; common terms of the 100x distinct corpus have thousands of postings). The same
    // operations on the same values: the scores are unchanged to the bit.
    const lengthNorm = (this.lengthNorms ??= Float64Array.from(this.lens, (len) => k1 * (1 - b + (b * len) / (this.avgdl || 1))));
    const { offsets, ids, tfs } = this;
    const keep = skip ?? (this.none ??= new Uint8Array(this.size));
    const k1p1 = k1 + 1;
    // The units this query scored, in a reused array: a common term touches most units, and a growing JS array
    // of them was garbage for the collector with every question.
    let touched = (this.touchedScratch ??= new Uint32Array(Math.max(1, this.size)));
    let n = 0;
    const qtf = new Map<string, number>();
    for (const t of query) qtf.set(t, (qtf.get(t) ?? 0) + 1);
    for (const [t, w] of extra ?? []) if (!qtf.has(t)) qtf.set(t, w);
    for (const [term, qn] of qtf) {
      const t = this.termIds.get(term);
      if (t === undefined) continue;
      const weight = qn * this.idf(term);
      for (let j = offsets[t], end = offsets[t + 1]; j < end; j++) {
        const id = ids[j];
        if (keep[id]) continue;
        const tf = tfs[j];
        const norm = tf + lengthNorm[id];
        if (scores[id] === 0) {
          // A unit is listed again only when a zero-weight term left its score at 0: never past a few extra slots.
          if (n === touched.length) {
            const bigger = new Uint32Array(2 * n);
            bigger.set(touched);
            touched = this.touchedScratch = bigger;
          }
          touched[n++] = id;
        }
        scores[id] += weight * ((tf * k1p1) / norm);
      }
    }
    const best = topK(touched, scores, k, n);
    for (let i = 0; i < n; i++) scores[touched[i]] = 0;
    return best;
  }

  serialize(): Buffer {
    return Buffer.concat(this.serializedParts());
  }

  /** The stored form in pieces, mostly views of the index's arrays: written one after the other, no copy is made. */
  serializedParts(): Buffer[] {
    const header = Buffer.from(JSON.stringify({ vocab: this.vocab, params: this.params }), 'utf8');
    const pad = (n: number) => (4 - (n % 4)) % 4;
    const counts = Buffer.alloc(12);
    counts.writeUInt32LE(this.offsets.length, 0);
    counts.writeUInt32LE(this.ids.length, 4);
    counts.writeUInt32LE(this.lens.length, 8);
    const tfBytes = Buffer.from(this.tfs.buffer, this.tfs.byteOffset, this.tfs.byteLength);
    const parts = [
      Buffer.alloc(8),
      header,
      Buffer.alloc(pad(header.length)),
      counts,
      Buffer.from(this.offsets.buffer, this.offsets.byteOffset, this.offsets.byteLength),
      Buffer.from(this.ids.buffer, this.ids.byteOffset, this.ids.byteLength),
      tfBytes,
      Buffer.alloc(pad(tfBytes.length)),
      Buffer.from(this.lens.buffer, this.lens.byteOffset, this.lens.byteLength),
    ];
    parts[0].writeUInt32LE(MAGIC, 0);
    parts[0].writeUInt32LE(header.length, 4);
    return parts;
  }

  static deserialize(buf: Buffer): Bm25Index {
    if (buf.length < 8 || buf.readUInt32LE(0) !== MAGIC) throw new Error('not a wenzheng BM25 index file');
    const hlen = buf.readUInt32LE(4);
    const header = JSON.parse(buf.subarray(8, 8 + hlen).toString('utf8')) as { vocab: string[]; params: Bm25Params };
    let pos = 8 + hlen + ((4 - (hlen % 4)) % 4);
    const nOff = buf.readUInt32LE(pos);
    const nPost = buf.readUInt32LE(pos + 4);
    const nDocs = buf.readUInt32LE(pos + 8);
    pos += 12;
    // Views into the file's own bytes when they are aligned (a file read whole is; every part starts at a multiple
    // of 4), so loading does not hold the postings twice; a copy into a fresh array otherwise (a pooled Buffer).
    const take = <T>(make: (ab: ArrayBufferLike, offset: number, length: number) => T, bytes: number, size: number): T => {
      const at = buf.byteOffset + pos;
      const part = at % 4 === 0 ? make(buf.buffer, at, bytes / size) : make(new Uint8Array(buf.subarray(pos, pos + bytes)).buffer, 0, bytes / size);
      pos += bytes + ((4 - (bytes % 4)) % 4);
      return part;
    };
    const offsets = take((ab, o, n) => new Uint32Array(ab, o, n), nOff * 4, 4);
    const ids = take((ab, o, n) => new Uint32Array(ab, o, n), nPost * 4, 4);
    const tfs = take((ab, o, n) => new Uint16Array(ab, o, n), nPost * 2, 2);
    const lens = take((ab, o, n) => new Float32Array(ab, o, n), nDocs * 4, 4);
    return new Bm25Index(header.vocab, offsets, ids, tfs, lens, header.params);
  }
}

/**
 * Builds a Bm25Index one unit at a time, so a build never holds every unit's token list at once: at 22k chunks
 * the token lists and a Map of per-term JS arrays took ~150 MB of heap at the build's peak. A posting is kept as
 * (term, tf) in typed-array blocks and put in term order at the end; the index is the same as before.
 */
/**
 * The prefix of a law article's situation words in the postings (text/situations.ts): a field of its own, which
 * a query reaches at a weight below its own words (retrieve/legs.ts) and the coverage test counts.
 */
export const SITUATION_FIELD = '§';

/** Postings per block of Bm25Builder (256 KB a block). */
const POSTING_BLOCK_BITS = 16;
const POSTING_BLOCK = 1 << POSTING_BLOCK_BITS;
/**
 * A posting of Bm25Builder in one word: its term id in the low 24 bits, its tf in the 7 above (the top bit stays
 * clear: words past 2^31 were read as doubles, and the loops over them ran half as fast). A tf of 127 or more, or
 * a term id of 2^24 or more, is stored beside (Bm25Builder.escaped) under the tf bits ESCAPED.
 */
const TERM_BITS = 24;
const TERM_MASK = (1 << TERM_BITS) - 1;
const ESCAPED = 0x7f;

export class Bm25Builder {
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  // Postings as (term, tf) in blocks of POSTING_BLOCK, in the order added: a unit's postings are consecutive, so its
  // id is found from firstPosting and not stored. Blocks, not one array doubled: growing by copies left the old
  // arrays as garbage (31 MB at 16k distinct chunks, not yet collected when the engine then loaded the snapshot).
  // Term and tf share a word (TERM_BITS): 4 bytes a posting instead of 6 (7 MB instead of 10 at 100x distinct).
  private readonly blocks: Uint32Array[] = [];
  /** The postings whose word says ESCAPED: their term and tf, by posting. */
  private readonly escaped = new Map<number, [number, number]>();
  private count = 0;
  private readonly lens: number[] = [];
  /** Per unit: where its postings start (a unit's postings are consecutive). */
  private readonly firstPosting: number[] = [];
  /** Per term id: its count in the unit being added (zeroed again when the unit is done). */
  private tf = new Uint32Array(1 << 12);

  /**
   * Add the next unit (its id is the number of units added before it). `situation` tokens go in as a second
   * field, each under SITUATION_FIELD + token, and do not lengthen the unit: an article's situation words must not
   * weaken the match of its own words.
   */
  add(tokens: readonly string[], situation: readonly string[] = []): void {
    this.lens.push(tokens.length);
    this.firstPosting.push(this.count);
    // Term frequencies counted in a typed array indexed by term id (no Map per unit); the order of a unit's
    // postings does not matter, since build() puts every term's postings in unit order.
    const seen: number[] = [];
    for (const t of tokens) {
      const term = this.termId(t);
      if (this.tf[term]++ === 0) seen.push(term);
    }
    for (const t of situation) {
      const term = this.termId(SITUATION_FIELD + t);
      if (this.tf[term] === 0) {
        this.tf[term] = 1;
        seen.push(term);
      }
    }
    for (const term of seen) {
      this.push(term, Math.min(this.tf[term], 0xffff));
      this.tf[term] = 0;
    }
  }

  /** Add the next unit as a copy of unit `of` (the same text): the same length and postings, as `add` would make. */
  addCopy(of: number): void {
    if (of < 0 || of >= this.lens.length) throw new Error(`no unit ${of} to copy among ${this.lens.length}`);
    this.lens.push(this.lens[of]);
    const from = this.firstPosting[of];
    const end = of + 1 < this.firstPosting.length ? this.firstPosting[of + 1] : this.count;
    this.firstPosting.push(this.count);
    for (let j = from; j < end; j++) this.push(this.termAt(j), this.tfAt(j));
  }

  private push(term: number, tf: number): void {
    const at = this.count & (POSTING_BLOCK - 1);
    if (at === 0) this.blocks.push(new Uint32Array(POSTING_BLOCK));
    let word = term | (tf << TERM_BITS);
    if (tf >= ESCAPED || term > TERM_MASK) {
      this.escaped.set(this.count, [term, tf]);
      word = ESCAPED << TERM_BITS;
    }
    this.blocks[this.count >>> POSTING_BLOCK_BITS][at] = word;
    this.count++;
  }

  private termAt(j: number): number {
    const word = this.blocks[j >>> POSTING_BLOCK_BITS][j & (POSTING_BLOCK - 1)];
    return word >>> TERM_BITS === ESCAPED ? this.escaped.get(j)![0] : word & TERM_MASK;
  }

  private tfAt(j: number): number {
    const word = this.blocks[j >>> POSTING_BLOCK_BITS][j & (POSTING_BLOCK - 1)];
    return word >>> TERM_BITS === ESCAPED ? this.escaped.get(j)![1] : word >>> TERM_BITS;
  }

  private termId(t: string): number {
    let term = this.termIds.get(t);
    if (term === undefined) {
      term = this.terms.length;
      this.termIds.set(t, term);
      this.terms.push(t);
      if (term === this.tf.length) {
        const bigger = new Uint32Array(this.tf.length * 2);
        bigger.set(this.tf);
        this.tf = bigger;
      }
    }
    return term;
  }

  build(params: Bm25Params = DEFAULT_PARAMS): Bm25Index {
    const { order, rank, offsets } = this.termOrder();
    const next = offsets.slice(0, this.terms.length);
    const ids = new Uint32Array(this.count);
    const tfs = new Uint16Array(this.count);
    // Units were added in id order, so each term's postings come out in id order.
    const units = this.firstPosting.length;
    for (let j = 0, unit = 0; j < this.count; j++) {
      while (unit + 1 < units && this.firstPosting[unit + 1] <= j) unit++;
      const at = next[rank[this.termAt(j)]]++;
      ids[at] = unit;
      tfs[at] = this.tfAt(j);
    }
    return Bm25Index.fromParts(
      order.map((t) => this.terms[t]),
      offsets,
      ids,
      tfs,
      Float32Array.from(this.lens),
      params,
    );
  }

  /**
   * The stored form of `build(params)` (Bm25Index.serializedParts), byte for byte, without building the index:
   * its postings are put in term order a window of terms at a time, each window from a pass over the builder's
   * postings. Ingest only writes the index it builds (a search loads it from the snapshot), and the index's
   * arrays beside the builder's doubled the postings' memory at the build's end (10 MB more at 100x distinct,
   * still held when the new snapshot was loaded); this holds half as much (3 bytes a posting: the tfs whole, the
   * ids a window at a time). Windows of a quarter of the postings at most (but never less than `window`), so
   * about six passes whatever the corpus.
   * A part may be a view of a buffer the next part reuses: write each before taking the next. `window`: the
   * fewest postings a window may hold (tests make it small).
   */
  *serializedParts(params: Bm25Params = DEFAULT_PARAMS, window = POSTING_WINDOW): Generator<Uint8Array> {
    const { order, rank, offsets } = this.termOrder();
    const header = Buffer.from(JSON.stringify({ vocab: order.map((t) => this.terms[t]), params }), 'utf8');
    const start = Buffer.alloc(8);
    start.writeUInt32LE(MAGIC, 0);
    start.writeUInt32LE(header.length, 4);
    const counts = Buffer.alloc(12);
    counts.writeUInt32LE(offsets.length, 0);
    counts.writeUInt32LE(this.count, 4);
    counts.writeUInt32LE(this.lens.length, 8);
    yield* [start, header, Buffer.alloc(pad4(header.length)), counts, bytesOf(offsets)];
    // Windows of whole terms, of at most `size` postings (or one term, when it alone has more).
    const size = Math.max(window, Math.ceil(this.count / 4));
    const windows: [number, number][] = [];
    let largest = 0;
    for (let r0 = 0; r0 < order.length; ) {
      let r1 = r0 + 1;
      while (r1 < order.length && offsets[r1 + 1] - offsets[r0] <= size) r1++;
      windows.push([r0, r1]);
      largest = Math.max(largest, offsets[r1] - offsets[r0]);
      r0 = r1;
    }
    // A window's ids are written as soon as they are placed; the term frequencies (a third of the bytes) are
    // placed in the same passes and written after all the ids, as the stored form has them.
    const ids = new Uint32Array(largest);
    const tfs = new Uint16Array(this.count);
    const { firstPosting, blocks, escaped } = this;
    const units = firstPosting.length;
    for (const [r0, r1] of windows) {
      const base = offsets[r0];
      // next[r]: where the next posting of rank r0 + r goes.
      const next = offsets.slice(r0, r1);
      const width = r1 - r0;
      for (let b = 0, unit = 0; b < blocks.length; b++) {
        const words = blocks[b];
        const first = b * POSTING_BLOCK;
        const end = Math.min(POSTING_BLOCK, this.count - first);
        for (let k = 0; k < end; k++) {
          const word = words[k];
          let term = word & TERM_MASK;
          let tf = word >>> TERM_BITS;
          if (tf === ESCAPED) {
            const e = escaped.get(first + k)!;
            term = e[0];
            tf = e[1];
          }
          const r = rank[term] - r0;
          if (r < 0 || r >= width) continue;
          const at = next[r]++;
          tfs[at] = tf;
          while (unit + 1 < units && firstPosting[unit + 1] <= first + k) unit++;
          ids[at - base] = unit;
        }
      }
      yield bytesOf(ids.subarray(0, offsets[r1] - base));
    }
    yield bytesOf(tfs);
    yield Buffer.alloc(pad4(this.count * 2));
    yield bytesOf(Float32Array.from(this.lens));
  }

  /** The vocabulary sorted (`order`: term ids by rank), each term's rank, and where each rank's postings start. */
  private termOrder(): { order: number[]; rank: Uint32Array; offsets: Uint32Array } {
    const order = this.terms.map((_, i) => i).sort((a, b) => (this.terms[a] < this.terms[b] ? -1 : this.terms[a] > this.terms[b] ? 1 : 0));
    const rank = new Uint32Array(this.terms.length);
    order.forEach((term, r) => {
      rank[term] = r;
    });
    const offsets = new Uint32Array(this.terms.length + 1);
    for (let j = 0; j < this.count; j++) offsets[rank[this.termAt(j)] + 1]++;
    for (let r = 0; r < this.terms.length; r++) offsets[r + 1] += offsets[r];
    return { order, rank, offsets };
  }
}

const DEFAULT_PARAMS: Bm25Params = { k1: 1.2, b: 0.75 };
/** Postings of one window of Bm25Builder.serializedParts at least (1 MB of ids). */
const POSTING_WINDOW = 1 << 18;

function pad4(n: number): number {
  return (4 - (n % 4)) % 4;
}

function bytesOf(a: ArrayBufferView): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

/**
 * The k best of `ids` by `scores`, descending; ties by lower id for determinism. A bounded heap instead of a
 * full sort: a common term touches most chunks, and sorting them all cost 1.5 ms a query at 16k chunks
 * (`npm run bench`, 100x), for the same result.
 */
export function topK(ids: ArrayLike<number>, scores: ArrayLike<number>, k: number, count = ids.length): ScoredId[] {
  // `worse(a, b)`: a ranks below b. The heap keeps the k best with the worst of them at the root.
  const worse = (a: number, b: number) => scores[a] < scores[b] || (scores[a] === scores[b] && a > b);
  const heap: number[] = [];
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(heap[l], heap[m])) m = l;
      if (r < heap.length && worse(heap[r], heap[m])) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  };
  for (let at = 0; at < count; at++) {
    const id = ids[at];
    if (heap.length < k) {
      heap.push(id);
      for (let i = heap.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (!worse(heap[i], heap[parent])) break;
        [heap[i], heap[parent]] = [heap[parent], heap[i]];
        i = parent;
      }
    } else if (k > 0) {
      // Most ids of a long postings list rank below the k-th: rejected on one comparison, without the closure.
      const s = scores[id];
      const root = scores[heap[0]];
      if (s < root || (s === root && id > heap[0])) continue;
      heap[0] = id;
      down(0);
    }
  }
  return heap.sort((a, b) => scores[b] - scores[a] || a - b).map((id) => ({ id, score: scores[id] }));
}
