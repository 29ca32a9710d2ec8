import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

  describe('exact search inside a scope', () => {
    // A scope: a run of consecutive rows (one document's chunks) and a few scattered ones.
    const scope = [...Array.from({ length: 300 }, (_, i) => 150 + i), 3, 41, 499];
    const queries = Array.from({ length: 5 }, (_, i) => Array.from(unitVectors(1, dim, 2000 + i)));
    const exact = (q: number[]) => {
      const all = bruteForceSearch(vectors, dim, q, 500);
      return all.filter((h) => scope.includes(h.id)).slice(0, 10);
    };

    it('ranks only the scope, exactly, whether the rows come from memory, the vectors file or the graph', () => {
      const graph = join(dir, 'scope.hnsw');
      const raw = join(dir, 'scope.f32');
      index.save(graph);
      writeFileSync(raw, new Uint8Array(vectors.buffer));
      const fromFile = VectorIndex.load(graph, dim, 500, undefined, undefined, raw);
      const fromGraph = VectorIndex.load(graph, dim, 500);
      for (const q of queries) {
        const got = index.searchWithin(q, 10, scope);
        expect(got.map((h) => h.id)).toEqual(exact(q).map((h) => h.id));
        for (const [i, h] of got.entries()) expect(h.score).toBeCloseTo(exact(q)[i].score, 5);
        // Same float32 values summed in the same order: identical scores, not merely close ones.
        expect(fromFile.searchWithin(q, 10, scope)).toEqual(got);
        expect(fromGraph.searchWithin(q, 10, scope)).toEqual(got);
      }
    });

    it('reads the rows from the vectors file, not through the graph (hnswlib copies a point slowly)', () => {
      const graph = join(dir, 'negated.hnsw');
      const raw = join(dir, 'negated.f32');
      index.save(graph);
      writeFileSync(raw, new Uint8Array(vectors.map((x) => -x).buffer));
      const loaded = VectorIndex.load(graph, dim, 500, undefined, undefined, raw);
      const [best] = index.searchWithin(queries[0], 1, scope);
      expect(loaded.searchWithin(queries[0], 500, scope).find((h) => h.id === best.id)?.score).toBe(-best.score);
    });

    it('still answers from the graph when the vectors file is gone (its snapshot was pruned while served)', () => {
      const graph = join(dir, 'pruned.hnsw');
      const raw = join(dir, 'pruned.f32');
      index.save(graph);
      writeFileSync(raw, new Uint8Array(vectors.buffer));
      const loaded = VectorIndex.load(graph, dim, 500, undefined, undefined, raw);
      rmSync(raw);
      for (const q of queries) expect(loaded.searchWithin(q, 10, scope)).toEqual(index.searchWithin(q, 10, scope));
    });
  });
});
