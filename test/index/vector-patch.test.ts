import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VectorIndex } from '../../src/index/vector.ts';
import { seeded, tempRoot } from '../helpers/refresh.ts';

let cleanup = () => {};
afterEach(() => cleanup());

const DIM = 24;

function unitVectors(n: number, rand: () => number): Float32Array {
  const v = new Float32Array(n * DIM);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let j = 0; j < DIM; j++) norm += (v[i * DIM + j] = rand() - 0.5) ** 2;
    for (let j = 0; j < DIM; j++) v[i * DIM + j] /= Math.sqrt(norm);
  }
  return v;
}

const row = (v: Float32Array, i: number) => Array.from(v.subarray(i * DIM, (i + 1) * DIM));

describe('VectorIndex.patch (a refresh reuses the live graph)', () => {
  it('finds every row of the new snapshot at its new position, and no removed row, also after save and load', () => {
    const t = tempRoot('wz-vec-');
    cleanup = t.cleanup;
    const rand = seeded(7);
    const live = unitVectors(200, rand);
    const liveIndex = VectorIndex.build(live, DIM);
    liveIndex.save(join(t.root, 'live.hnsw'));

    // New snapshot: live rows 0..49 dropped (a changed document), 50..199 kept but shifted to rows 0..149,
    // then 30 new rows.
    const fresh = unitVectors(30, rand);
    const reuseFrom = [...Array.from({ length: 150 }, (_, i) => 50 + i), ...Array.from({ length: 30 }, () => -1)];
    const vectors = new Float32Array(180 * DIM);
    vectors.set(live.subarray(50 * DIM), 0);
    vectors.set(fresh, 150 * DIM);

    const patched = VectorIndex.load(join(t.root, 'live.hnsw'), DIM, 200).patch({ reuseFrom, vectors })!;
    expect(patched.count).toBe(180);
    patched.save(join(t.root, 'new.hnsw'));
    const reloaded = VectorIndex.load(join(t.root, 'new.hnsw'), DIM, 180, undefined, patched.labels());
    for (const index of [patched, reloaded]) {
      for (const i of [0, 77, 149, 150, 179]) {
        const [top] = index.search(row(vectors, i), 1);
        expect(top.id).toBe(i);
        expect(top.score).toBeCloseTo(1, 5);
      }
      const removed = index.search(row(live, 10), 180).map((h) => h.id);
      expect(removed.every((id) => id >= 0 && id < 180)).toBe(true);
      expect(new Set(removed).size).toBe(180);
    }
  });

  it('asks for a rebuild when too many points would be deleted', () => {
    const live = unitVectors(100, seeded(3));
    const index = VectorIndex.build(live, DIM);
    const reuseFrom = [...Array.from({ length: 40 }, (_, i) => i), ...Array.from({ length: 60 }, () => -1)];
    expect(index.patch({ reuseFrom, vectors: unitVectors(100, seeded(4)) })).toBeUndefined();
  });
});
