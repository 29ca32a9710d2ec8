// The exact vector search for the offline hash embedding: every row scored, no graph. A hash vector of a question
// has few nonzero components (its character uni- and bigrams: 20 to 100 of 1,024), so scoring all rows costs
// those few columns, read one after the other from a column-major matrix: about 1 ms at 16k chunks, while an
// HNSW graph over the same rows took 37 % of ingest to build and stored the vectors a second time.
// Rows are kept as int8 with one float32 scale each (a quarter of float32's size, on disk and in memory); a
// component's rounding error is at most half a step of 1/127 of its row's largest component, so a cosine moves
// by about 1e-3 at most (typically 1e-4), far below the gaps that rank passages or the leg's score threshold.

import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { type ColumnDots, columnDots, MAX_WEIGHT } from './dots.ts';
import { type ScoredId, topK } from './lexical.ts';
import type { VectorSearch } from './vector.ts';

/** A flat index already written to its file (FlatIndex.fileBuilder), which a snapshot takes as it is. */
export class FlatFile {
  constructor(
    readonly path: string,
    readonly dim: number,
    readonly count: number,
  ) {}
}

/** The rows of a block added at row `first`, checked to fit an index of `count` rows. */
function blockRows(block: Float32Array, first: number, dim: number, count: number): number {
  const rows = block.length / dim;
  if (!Number.isInteger(rows) || first < 0 || first + rows > count)
    throw new Error(`a block of ${block.length} floats at row ${first} does not fit ${count} rows of ${dim}`);
  return rows;
}

/**
 * Quantize the `rows` rows of `block` (row r at r * dim): row r's scale into scales[first + r], its codes into
 * `codes` column-major (component j at j * stride + offset + r). The same codes and scales as quantizing the
 * whole matrix at once.
 */
function quantize(block: Float32Array, dim: number, rows: number, scales: Float32Array, first: number, codes: Int8Array, stride: number, offset: number): void {
  // Float32: the inverse scales are rounded to float32 as they were when the whole matrix was quantized.
  const inverse = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let max = 0;
    for (let j = r * dim; j < (r + 1) * dim; j++) max = Math.max(max, Math.abs(block[j]));
    scales[first + r] = max / 127;
    const scale = scales[first + r]; // read back: the float32 scale, not the double assigned
    inverse[r] = scale > 0 ? 1 / scale : 0;
  }
  // Transposed 64 rows at a time, so each column is written in runs, not one byte per cache line.
  for (let b0 = 0; b0 < rows; b0 += 64) {
    const b1 = Math.min(rows, b0 + 64);
    for (let j = 0; j < dim; j++) {
      const col = j * stride + offset;
      for (let r = b0; r < b1; r++) codes[col + r] = Math.round(block[r * dim + j] * inverse[r]);
    }
  }
}

export class FlatIndex implements VectorSearch {
  private constructor(
    readonly dim: number,
    readonly count: number,
    /** Per row: the factor from its codes back to the unit vector's components. */
    private scales: Float32Array,
    /** Column-major: component j of row r at j * count + r. Moved into WebAssembly memory by the first search. */
    private codes: Int8Array,
  ) {}

  /** Quantize `vectors` (row i at i * dim). */
  static build(vectors: Float32Array, dim: number): FlatIndex {
    const count = vectors.length / dim;
    if (!Number.isInteger(count)) throw new Error(`vector buffer of ${vectors.length} floats is not a multiple of ${dim}`);
    const builder = FlatIndex.builder(dim, count);
    builder.add(vectors, 0);
    return builder.finish();
  }

  /**
   * A FlatIndex of `count` rows filled a block of rows at a time (`add`, in any order), each block quantized
   * straight into the column-major codes: ingest embeds a few hundred rows into a small float32 buffer and never
   * holds every row as float32 (93 MB at 22,700 chunks of 1,024, twice what the finished index takes).
   * The same codes and scales as quantizing the whole matrix at once.
   */
  static builder(dim: number, count: number): { add(block: Float32Array, first: number): void; copy(from: number, to: number): void; finish(): FlatIndex } {
    // One buffer laid out as the stored form, so writing the snapshot copies nothing (serialize).
    const stored = new ArrayBuffer(count * (4 + dim));
    const scales = new Float32Array(stored, 0, count);
    const codes = new Int8Array(stored, count * 4, count * dim);
    return {
      add(block, first) {
        const rows = blockRows(block, first, dim, count);
        quantize(block, dim, rows, scales, first, codes, count, first);
      },
      /** Row `to` becomes what row `from` was quantized to (the same vector: a copy of a document in the corpus). */
      copy(from, to) {
        if (from < 0 || to < 0 || from >= count || to >= count) throw new Error(`no rows ${from} and ${to} in ${count}`);
        scales[to] = scales[from];
        for (let j = 0; j < dim; j++) codes[j * count + to] = codes[j * count + from];
      },
      finish: () => new FlatIndex(dim, count, scales, codes),
    };
  }

  /**
   * The stored form of `builder`'s index, the same bytes, written to `path` a block of rows at a time and never
   * held whole: ingest only writes the index it builds, and the whole of it in memory (16 MB at 100x distinct,
   * 164 MB at 1,000x) was still held when the new snapshot was loaded. Each block's codes go to their columns
   * when the next block comes (a write per column: 1,024 writes of 512 bytes a block, ~50 ms at 16k rows).
   * `copy(from, to)` takes a row of the block just added from a row of an earlier block, which must be among
   * `sources`: their codes are kept from their own block (a few KB each; a corpus's copies of documents).
   */
  static fileBuilder(
    path: string,
    dim: number,
    count: number,
    sources: ReadonlySet<number> = new Set(),
  ): { add(block: Float32Array, first: number): void; copy(from: number, to: number): void; finish(): FlatFile } {
    closeSync(openSync(path, 'w'));
    const scales = new Float32Array(count);
    const kept = new Map<number, Int8Array>();
    let codes = new Int8Array(0); // the pending block, column-major: component j of its row r at j * rows + r
    let first = -1;
    let rows = 0;
    // The file is open only while it is written: a build that fails between two blocks leaves no descriptor.
    const writing = (use: (write: (bytes: Uint8Array, at: number) => void, fd: number) => void) => {
      const fd = openSync(path, 'r+');
      try {
        use((bytes, at) => {
          for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off, at + off);
        }, fd);
      } finally {
        closeSync(fd);
      }
    };
    const flush = () => {
      if (first < 0) return;
      const bytes = new Uint8Array(codes.buffer, 0, rows * dim);
      writing((write) => {
        for (let j = 0; j < dim; j++) write(bytes.subarray(j * rows, (j + 1) * rows), 4 * count + j * count + first);
      });
      first = -1;
    };
    return {
      add(block, at) {
        flush();
        rows = blockRows(block, at, dim, count);
        if (codes.length < rows * dim) codes = new Int8Array(rows * dim);
        first = at;
        quantize(block, dim, rows, scales, first, codes, rows, 0);
        for (let r = 0; r < rows; r++) {
          if (!sources.has(first + r)) continue;
          const row = new Int8Array(dim);
          for (let j = 0; j < dim; j++) row[j] = codes[j * rows + r];
          kept.set(first + r, row);
        }
      },
      copy(from, to) {
        const row = kept.get(from);
        if (!row || first < 0 || to < first || to >= first + rows)
          throw new Error(`row ${to} cannot copy row ${from}: not kept, or not in the block just added`);
        scales[to] = scales[from];
        for (let j = 0; j < dim; j++) codes[j * rows + to - first] = row[j];
      },
      finish() {
        flush();
        writing((write, fd) => {
          write(new Uint8Array(scales.buffer), 0);
          fsyncSync(fd);
        });
        return new FlatFile(path, dim, count);
      },
    };
  }

  /** The stored form: the scales (float32), then the codes. */
  serialize(): Uint8Array {
    const { scales, codes } = this;
    if (
      scales.buffer === codes.buffer &&
      scales.byteOffset === 0 &&
      codes.byteOffset === scales.byteLength &&
      codes.buffer.byteLength === scales.byteLength + codes.byteLength
    ) {
      return new Uint8Array(codes.buffer); // built here: already in the stored layout
    }
    const out = new Uint8Array(this.count * 4 + this.codes.length);
    out.set(new Uint8Array(this.scales.buffer, this.scales.byteOffset, this.scales.byteLength), 0);
    out.set(new Uint8Array(this.codes.buffer, this.codes.byteOffset, this.codes.byteLength), this.count * 4);
    return out;
  }

  static deserialize(buf: Uint8Array, dim: number, count: number): FlatIndex {
    if (buf.byteLength !== count * (4 + dim)) {
      throw new Error(`the vector file has ${buf.byteLength} bytes, ${count} rows of ${dim} dimensions need ${count * (4 + dim)}`);
    }
    // Copied, not viewed: a Float32Array needs 4-byte alignment, and a small file's Buffer may sit in a pool.
    const scales = new Float32Array(count);
    new Uint8Array(scales.buffer).set(buf.subarray(0, count * 4));
    const codes = new Int8Array(buf.buffer, buf.byteOffset + count * 4, count * dim);
    return new FlatIndex(dim, count, scales, codes);
  }

  /** The vectors again, row-major (row i at i * dim), for a refresh that reuses unchanged rows. */
  rows(): Float32Array {
    const out = new Float32Array(this.count * this.dim);
    this.rowsInto(0, this.count, out, 0);
    return out;
  }

  /** Rows `from` .. `from + n`, decoded as `rows` does, into `out` (row-major) from row `at`. */
  rowsInto(from: number, n: number, out: Float32Array, at: number): void {
    const { dim, count, codes, scales } = this;
    if (from < 0 || n < 0 || from + n > count) throw new Error(`rows ${from} to ${from + n} of an index of ${count}`);
    for (let j = 0; j < dim; j++) {
      const col = j * count + from;
      for (let r = 0; r < n; r++) out[(at + r) * dim + j] = codes[col + r] * scales[from + r];
    }
  }

  /** The `k` best rows by cosine, exactly; rows marked in `skip` (copies of an earlier row) are left out. */
  search(query: number[], k: number, skip?: Uint8Array): ScoredId[] {
    const kept = skip && this.keptRows(skip);
    if (kept) return this.searchWithin(query, k, kept);
    const nonzero = this.nonzero(query);
    const dots = k > 0 && nonzero.length ? this.columnDots() : undefined;
    return dots ? this.searchBounded(query, nonzero, k, dots, skip) : this.scan(query, nonzero, k, skip);
  }

  /** Every row scored in JS: the reference the bounded search must equal, and its fallback without WebAssembly SIMD. */
  scan(query: number[], nonzero: number[], k: number, skip?: Uint8Array): ScoredId[] {
    const { count, codes, scales } = this;
    const acc = new Float64Array(count);
    let i = 0;
    // Four columns per pass over the rows: a quarter of the loads and stores of `acc`, twice as fast in V8.
    for (; i + 4 <= nonzero.length; i += 4) {
      const [a, b, c, d] = [nonzero[i], nonzero[i + 1], nonzero[i + 2], nonzero[i + 3]];
      const [qa, qb, qc, qd] = [query[a], query[b], query[c], query[d]];
      const [ca, cb, cc, cd] = [a * count, b * count, c * count, d * count];
      for (let r = 0; r < count; r++) acc[r] += qa * codes[ca + r] + qb * codes[cb + r] + qc * codes[cc + r] + qd * codes[cd + r];
    }
    for (; i < nonzero.length; i++) {
      const q = query[nonzero[i]];
      const col = nonzero[i] * count;
      for (let r = 0; r < count; r++) acc[r] += q * codes[col + r];
    }
    const ids: number[] = [];
    for (let r = 0; r < count; r++) {
      acc[r] *= scales[r];
      if (!skip?.[r]) ids.push(r);
    }
    return topK(ids, acc, k);
  }

  /** Row `r`'s score exactly as `scan` computes it, the same floating-point operations in the same order. */
  private exactScore(query: number[], nonzero: number[], r: number): number {
    const { count, codes } = this;
    let s = 0;
    let i = 0;
    for (; i + 4 <= nonzero.length; i += 4) {
      const [a, b, c, d] = [nonzero[i], nonzero[i + 1], nonzero[i + 2], nonzero[i + 3]];
      s += query[a] * codes[a * count + r] + query[b] * codes[b * count + r] + query[c] * codes[c * count + r] + query[d] * codes[d * count + r];
    }
    for (; i < nonzero.length; i++) s += query[nonzero[i]] * codes[nonzero[i] * count + r];
    return s * this.scales[r];
  }

  /**
   * The same hits as `scan`, scores bit for bit, in two passes. First every row's dot product with the query
   * rounded to int16 weights, in WebAssembly SIMD (dots.ts), which bounds its exact score: the rounding moves a
   * row's sum of codes by at most 128 * Σ|rounding error| (codes are within ±127). A row whose upper bound is below
   * the k-th best lower bound has k rows certainly ahead of it and is dropped; the few others (the k best and those
   * within the bound of them, typically k + a few) are scored exactly as `scan` does and ranked by topK.
   * 0.8 ms -> 0.15 ms a question at 16k chunks.
   */
  private searchBounded(query: number[], nonzero: number[], k: number, dots: ColumnDots, skip?: Uint8Array): ScoredId[] {
    const { count, scales } = this;
    let max = 0;
    let sum = 0;
    for (const j of nonzero) {
      const a = Math.abs(query[j]);
      max = Math.max(max, a);
      sum += a;
    }
    // Weights of at most MAX_WEIGHT, and Σ|weights| * 128 < 2^30 + 2^16 (rounding adds at most 0.5 a weight): no
    // int32 sum overflows.
    const factor = Math.min(MAX_WEIGHT / max, 2 ** 23 / sum);
    const weights = nonzero.map((j) => Math.round(query[j] * factor));
    let slack = 0;
    nonzero.forEach((j, i) => {
      slack += Math.abs(query[j] - weights[i] / factor);
    });
    // In code units; 1e-6 covers the floating-point rounding of both sums (theirs is below 1e-11 at 1,024 terms).
    slack = slack * 128 + 1e-6;
    const acc = dots.dots(nonzero, weights);
    const inverse = 1 / factor;
    const keep = skip ?? (this.none ??= new Uint8Array(count));
    // One pass: a min-heap of the k best lower bounds (its root the k-th best so far, which only rises), and the
    // rows whose upper bound reaches that root when they are read; those are filtered by the final root below.
    const heap = new Float64Array(k);
    let size = 0;
    let floor = -Infinity;
    const maybe: number[] = [];
    // A block of 16 rows is passed over whole when the bound of its largest sum, times its largest scale (its
    // smallest, for a negative bound), is below the floor: it bounds every row's `high` as computed below (each
    // step is monotonic), so exactly the rows the loop would skip are skipped, without reading them.
    const maxima = dots.blockMax();
    const { largest, smallest } = this.blockScales();
    for (let block = 0; block < maxima.length; block++) {
      const bound = maxima[block] * inverse + slack;
      if ((bound >= 0 ? bound * largest[block] : bound * smallest[block]) < floor) continue;
      const last = Math.min(count, 16 * block + 16);
      for (let r = 16 * block; r < last; r++) {
        const high = (acc[r] * inverse + slack) * scales[r];
        if (high < floor || keep[r]) continue;
        maybe.push(r);
        const low = (acc[r] * inverse - slack) * scales[r];
        if (size < k) {
          let i = size++;
          while (i > 0 && heap[(i - 1) >> 1] > low) {
            heap[i] = heap[(i - 1) >> 1];
            i = (i - 1) >> 1;
          }
          heap[i] = low;
          if (size === k) floor = heap[0];
        } else if (low > heap[0]) {
          let i = 0;
          for (;;) {
            const l = 2 * i + 1;
            if (l >= k) break;
            const m = l + 1 < k && heap[l + 1] < heap[l] ? l + 1 : l;
            if (heap[m] >= low) break;
            heap[i] = heap[m];
            i = m;
          }
          heap[i] = low;
          floor = heap[0];
        }
      }
    }
    const scores = (this.scratch ??= new Float64Array(count));
    const ids: number[] = [];
    for (const r of maybe) {
      if ((acc[r] * inverse + slack) * scales[r] < floor) continue;
      scores[r] = this.exactScore(query, nonzero, r);
      ids.push(r);
    }
    return topK(ids, scores, k);
  }

  private scaleBounds?: { largest: Float64Array; smallest: Float64Array };

  /** Per block of 16 rows (as dots.ts sums them), the largest and smallest row scale. */
  private blockScales(): { largest: Float64Array; smallest: Float64Array } {
    if (!this.scaleBounds) {
      const blocks = Math.ceil(this.count / 16);
      const largest = new Float64Array(blocks).fill(-Infinity);
      const smallest = new Float64Array(blocks).fill(Infinity);
      for (let r = 0; r < this.count; r++) {
        const b = r >> 4;
        largest[b] = Math.max(largest[b], this.scales[r]);
        smallest[b] = Math.min(smallest[b], this.scales[r]);
      }
      this.scaleBounds = { largest, smallest };
    }
    return this.scaleBounds;
  }

  /** Exact scores of the second pass, by row: one array for every question (search is synchronous). */
  private scratch?: Float64Array;
  /** No row skipped: read in place of a missing `skip`, so the hot loop has one form. */
  private none?: Uint8Array;
  private dots?: ColumnDots | null;

  /** The columns in WebAssembly memory, copied on the first search; null where WebAssembly SIMD is missing. */
  private columnDots(): ColumnDots | undefined {
    if (this.dots === undefined) {
      this.dots = columnDots(this.codes, this.count) ?? null;
      // Read from the copy from now on: the file's bytes (or the builder's buffer) can then be collected.
      if (this.dots) {
        this.codes = this.dots.codes;
        if (this.scales.buffer.byteLength > this.scales.byteLength) this.scales = this.scales.slice();
      }
    }
    return this.dots ?? undefined;
  }

  private kept = new WeakMap<Uint8Array, number[] | undefined>();

  /**
   * The rows `skip` leaves, when they are few enough (a corpus that republishes the same passages many times)
   * that scoring them one by one beats scanning whole columns; undefined otherwise. Cached: the retriever passes
   * the same array with every question.
   */
  private keptRows(skip: Uint8Array): number[] | undefined {
    if (!this.kept.has(skip)) {
      // Counted before any array is made: a scope's mask is new with each question, and most leave many rows.
      let n = 0;
      for (let r = 0; r < this.count; r++) n += skip[r] ? 0 : 1;
      const rows: number[] = [];
      if (n * 4 < this.count) for (let r = 0; r < this.count; r++) if (!skip[r]) rows.push(r);
      this.kept.set(skip, n * 4 < this.count ? rows : undefined);
    }
    return this.kept.get(skip);
  }

  private nonzero(query: number[]): number[] {
    if (query.length !== this.dim) throw new Error(`query vector of ${query.length} dimensions, the index has ${this.dim}`);
    const out: number[] = [];
    for (let j = 0; j < this.dim; j++) if (query[j] !== 0) out.push(j);
    return out;
  }

  /** The `k` best among `rows` (a scope: a few documents' chunks), exactly. */
  searchWithin(query: number[], k: number, rows: readonly number[]): ScoredId[] {
    const { count, codes, scales } = this;
    const nonzero = this.nonzero(query);
    const scores = new Float64Array(count);
    const ids: number[] = [];
    for (const r of rows) {
      if (r < 0 || r >= count) continue;
      let dot = 0;
      for (const j of nonzero) dot += query[j] * codes[j * count + r];
      scores[r] = dot * scales[r];
      ids.push(r);
    }
    return topK(ids, scores, k);
  }
}
