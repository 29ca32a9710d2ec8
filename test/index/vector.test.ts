import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bruteForceSearch, VectorIndex } from '../../src/index/vector.ts';

function unitVectors(n: number, dim: number, seed = 7): Float32Array {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
  const out = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let j = 0; j < dim; j++) norm += (out[i * dim + j] = rand()) ** 2;
    for (let j = 0; j < dim; j++) out[i * dim + j] /= Math.sqrt(norm);
  }
  return out;
}

describe('VectorIndex', () => {
  const dim = 32;
  const vectors = unitVectors(500, dim);
  const index = VectorIndex.build(vectors, dim);
  const dir = mkdtempSync(join(tmpdir(), 'wz-vec-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds a stored vector as its own nearest neighbour with cosine 1', () => {
    const q = Array.from(vectors.subarray(42 * dim, 43 * dim));
    const [top] = index.search(q, 1);
    expect(top.id).toBe(42);
    expect(top.score).toBeCloseTo(1, 5);
  });

  it('agrees with exact brute-force search on the top 10', () => {
    let agree = 0;
    for (let i = 0; i < 20; i++) {
      const q = Array.from(unitVectors(1, dim, 1000 + i));
      const approx = new Set(index.search(q, 10).map((h) => h.id));
      agree += bruteForceSearch(vectors, dim, q, 10).filter((h) => approx.has(h.id)).length;
    }
    expect(agree / 200).toBeGreaterThan(0.95);
  });

  it('clamps k to the number of points and survives save/load', () => {
    const small = VectorIndex.build(vectors.subarray(0, 3 * dim), dim);
    expect(small.search(Array.from(vectors.subarray(0, dim)), 10)).toHaveLength(3);
    const path = join(dir, 'v.hnsw');
    index.save(path);
    const loaded = VectorIndex.load(path, dim, 500);
    const q = Array.from(vectors.subarray(7 * dim, 8 * dim));
    expect(loaded.search(q, 5)).toEqual(index.search(q, 5));
  });

  it('refuses an index file whose size disagrees with the snapshot', () => {
    const path = join(dir, 'w.hnsw');
    index.save(path);
    expect(() => VectorIndex.load(path, dim, 499)).toThrow(/holds 500 points/);
  });
});
