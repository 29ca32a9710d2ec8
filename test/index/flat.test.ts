import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { columnDots } from '../../src/index/dots.ts';
import { FlatFile, FlatIndex } from '../../src/index/flat.ts';
import { bruteForceSearch } from '../../src/index/vector.ts';

/** Unit vectors with about `share` of their components nonzero, like the hash embedding's. */
function sparseUnitVectors(n: number, dim: number, share: number, seed = 7): Float32Array {
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const out = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let j = 0; j < dim; j++) if (rand() < share) norm += (out[i * dim + j] = rand() * 2 - 1) ** 2;
    for (let j = 0; j < dim; j++) out[i * dim + j] /= Math.sqrt(norm) || 1;
  }
  return out;
}

describe('FlatIndex', () => {
  const dim = 128;
  const vectors = sparseUnitVectors(600, dim, 0.3);
  const index = FlatIndex.build(vectors, dim);
  const queries = Array.from({ length: 20 }, (_, i) => Array.from(sparseUnitVectors(1, dim, 0.05, 100 + i)));

  it('ranks as exact float search does, with cosines within 0.005', () => {
    for (const q of queries) {
      const exact = bruteForceSearch(vectors, dim, q, 10);
      const got = index.search(q, 10);
      expect(got).toHaveLength(10);
      got.forEach((h, i) => {
        expect(Math.abs(h.score - exact[i].score)).toBeLessThan(0.005);
      });
      // Rounding may swap two near-equal neighbours, never lose the best ones.
      const ids = got.map((h) => h.id);
      for (const h of exact.slice(0, 5)) expect(ids).toContain(h.id);
    }
  });

  it('finds a stored row as its own nearest neighbour with cosine 1', () => {
    const [top] = index.search(Array.from(vectors.subarray(42 * dim, 43 * dim)), 1);
    expect(top.id).toBe(42);
    expect(top.score).toBeCloseTo(1, 2);
  });

  it('leaves out skipped rows (copies) and still returns k', () => {
    const q = Array.from(vectors.subarray(42 * dim, 43 * dim));
    const skip = new Uint8Array(600);
    skip[42] = 1;
    const hits = index.search(q, 5, skip);
    expect(hits).toHaveLength(5);
    expect(hits.map((h) => h.id)).not.toContain(42);
  });

  it('ranks the rows left when most are copies exactly as over all rows', () => {
    const skip = new Uint8Array(600).fill(1);
    for (let r = 0; r < 600; r += 10) skip[r] = 0; // one row in ten is an original
    for (const q of queries.slice(0, 5)) {
      const originals = index.search(q, 600).filter((h) => !skip[h.id]);
      const got = index.search(q, 5, skip);
      expect(got.map((h) => h.id)).toEqual(originals.slice(0, 5).map((h) => h.id));
      got.forEach((h, i) => {
        expect(h.score).toBeCloseTo(originals[i].score, 9);
      });
    }
  });

  it('searches inside a scope with the same scores as over all rows', () => {
    const scope = [...Array.from({ length: 40 }, (_, i) => 200 + i), 7, 599];
    for (const q of queries.slice(0, 5)) {
      const within = index.searchWithin(q, 5, scope);
      const all = index.search(q, 600).filter((h) => scope.includes(h.id));
      expect(within.map((h) => h.id)).toEqual(all.slice(0, 5).map((h) => h.id));
      within.forEach((h, i) => {
        expect(h.score).toBeCloseTo(all[i].score, 9);
      });
    }
  });

  it('survives serialization, and gives back its rows for a refresh to reuse', () => {
    const loaded = FlatIndex.deserialize(index.serialize(), dim, 600);
    expect(loaded.search(queries[0], 10)).toEqual(index.search(queries[0], 10));
    const rows = loaded.rows();
    let worst = 0;
    for (let i = 0; i < rows.length; i++) worst = Math.max(worst, Math.abs(rows[i] - vectors[i]));
    expect(worst).toBeLessThan(0.01);
    // Quantizing the rows given back changes nothing: a row reused by refresh after refresh does not drift.
    expect(FlatIndex.build(rows, dim).serialize()).toEqual(index.serialize());
  });

  it('gives back any run of its rows as the whole matrix holds them, where a refresh asks', () => {
    const all = index.rows();
    const out = new Float32Array(10 * dim).fill(Number.NaN);
    index.rowsInto(595, 5, out, 2);
    index.rowsInto(0, 2, out, 0);
    index.rowsInto(300, 3, out, 7);
    expect(out.subarray(0, 2 * dim)).toEqual(all.subarray(0, 2 * dim));
    expect(out.subarray(2 * dim, 7 * dim)).toEqual(all.subarray(595 * dim, 600 * dim));
    expect(out.subarray(7 * dim)).toEqual(all.subarray(300 * dim, 303 * dim));
    expect(() => index.rowsInto(598, 3, out, 0)).toThrow(/rows 598 to 601/);
  });

  it('refuses a file whose size disagrees with the snapshot', () => {
    expect(() => FlatIndex.deserialize(index.serialize(), dim, 599)).toThrow(/599 rows of 128 dimensions/);
  });
});

describe('FlatIndex bounded search', () => {
  const dim = 96;
  // 1,003 rows (not a multiple of 16), with exact duplicates (ties broken by id) and an all-zero row.
  const base = sparseUnitVectors(1000, dim, 0.4, 3);
  const vectors = new Float32Array(1003 * dim);
  vectors.set(base);
  vectors.set(base.subarray(10 * dim, 11 * dim), 1000 * dim);
  vectors.set(base.subarray(500 * dim, 501 * dim), 1001 * dim);
  const index = FlatIndex.build(vectors, dim);
  const reference = FlatIndex.build(vectors, dim);
  const nonzero = (q: number[]) => q.flatMap((x, j) => (x !== 0 ? [j] : []));
  const queries = [
    ...Array.from({ length: 30 }, (_, i) => Array.from(sparseUnitVectors(1, dim, 0.1 + (i % 5) * 0.2, 200 + i))),
    Array.from(base.subarray(10 * dim, 11 * dim)), // a duplicated row: a tie at the top
    Array.from({ length: dim }, (_, j) => (j === 5 ? 1e-9 : j === 6 ? 1 : 0)), // one weight far below the other
  ];

  it('returns exactly the hits and scores of the full scan, for any k and with skipped rows', () => {
    expect(columnDots(new Int8Array(32), 2)).toBeDefined(); // Node has WebAssembly SIMD: the bounded path is taken
    const skip = new Uint8Array(1003);
    for (let r = 0; r < 1003; r += 7) skip[r] = 1;
    // A few skipped rows, so most blocks of 16 are whole and seed the floor; the copy of row 10 is skipped.
    const sparse = new Uint8Array(1003);
    for (const r of [3, 100, 101, 117, 500, 1000]) sparse[r] = 1;
    for (const q of queries) {
      for (const k of [1, 5, 50, 62, 63, 2000]) {
        expect(index.search(q, k)).toEqual(reference.scan(q, nonzero(q), k));
        expect(index.search(q, k, skip)).toEqual(reference.scan(q, nonzero(q), k, skip));
        expect(index.search(q, k, sparse)).toEqual(reference.scan(q, nonzero(q), k, sparse));
      }
    }
  });

  it('serializes the same bytes after a search moved its columns', () => {
    const before = Buffer.from(FlatIndex.build(vectors, dim).serialize());
    index.search(queries[0], 5);
    expect(Buffer.from(index.serialize()).equals(before)).toBe(true);
  });
});

describe('FlatIndex.fileBuilder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wz-flat-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the bytes the in-memory builder serializes, blocks in any size and copies across blocks', () => {
    const dim = 96;
    const count = 1000;
    const vectors = sparseUnitVectors(count, dim, 0.3, 11);
    // Rows 700..759 and 990..999 repeat rows of earlier blocks (a corpus's copies of a document), as ingest
    // copies them: their floats are not given again, only the codes copied.
    const sameAs = Array.from({ length: count }, (_, i) => (i >= 700 && i < 760 ? i - 650 : i >= 990 ? i - 900 : -1));
    for (let i = 0; i < count; i++) if (sameAs[i] >= 0) vectors.copyWithin(i * dim, sameAs[i] * dim, (sameAs[i] + 1) * dim);
    const expected = FlatIndex.build(vectors, dim).serialize();
    const path = join(dir, 'vectors.q8');
    const sources = new Set(sameAs.filter((j) => j >= 0));
    const builder = FlatIndex.fileBuilder(path, dim, count, sources);
    for (const [first, end] of [
      [0, 512],
      [512, 700],
      [700, 990],
      [990, 1000],
    ]) {
      const block = vectors.slice(first * dim, end * dim);
      for (let i = first; i < end; i++) if (sameAs[i] >= 0) block.fill(0, (i - first) * dim, (i - first + 1) * dim);
      builder.add(block, first);
      for (let i = first; i < end; i++) if (sameAs[i] >= 0) builder.copy(sameAs[i], i);
    }
    const file = builder.finish();
    expect(file).toBeInstanceOf(FlatFile);
    expect(Buffer.from(readFileSync(path)).equals(Buffer.from(expected))).toBe(true);
    expect(FlatIndex.deserialize(readFileSync(path), dim, count).search(Array.from(vectors.subarray(3 * dim, 4 * dim)), 1)[0].id).toBe(3);
  });

  it('refuses a copy from a row it did not keep', () => {
    const builder = FlatIndex.fileBuilder(join(dir, 'refused.q8'), 4, 4);
    builder.add(new Float32Array(8).fill(0.5), 0);
    builder.add(new Float32Array(8), 2);
    expect(() => builder.copy(0, 2)).toThrow(/cannot copy/);
  });
});
