import { describe, expect, it } from 'vitest';
import { topK } from '../../src/index/lexical.ts';

/** The definition: a full sort by score descending, ties by lower id. */
function reference(ids: number[], scores: ArrayLike<number>, k: number) {
  return ids
    .slice()
    .sort((a, b) => scores[b] - scores[a] || a - b)
    .slice(0, k)
    .map((id) => ({ id, score: scores[id] }));
}

describe('topK', () => {
  it('returns exactly what a full sort returns, ties included', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let trial = 0; trial < 50; trial++) {
      const n = 1 + Math.floor(rand() * 300);
      // Few distinct values, so many ties.
      const scores = Float32Array.from({ length: n }, () => Math.floor(rand() * 8) / 4);
      const ids = Array.from({ length: n }, (_, i) => i).sort(() => rand() - 0.5);
      for (const k of [0, 1, 5, 50, n + 3]) expect(topK(ids, scores, k)).toEqual(reference(ids, scores, k));
    }
  });
});
