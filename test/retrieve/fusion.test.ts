import { describe, expect, it } from 'vitest';
import { reciprocalRankFusion, relativeScoreFusion } from '../../src/retrieve/fusion.ts';

const lexical = [
  { id: 1, score: 12 },
  { id: 2, score: 11.5 },
  { id: 3, score: 2 },
];
const vector = [
  { id: 2, score: 0.9 },
  { id: 3, score: 0.5 },
  { id: 4, score: 0.1 },
];
const opts = { k: 60, lexicalWeight: 1, vectorWeight: 1 };

describe('fusion', () => {
  it('RRF rewards items both legs agree on and keeps the ranks of each leg', () => {
    const fused = reciprocalRankFusion(lexical, vector, opts);
    expect(fused[0].id).toBe(2);
    expect(fused.find((f) => f.id === 2)).toMatchObject({ lexicalRank: 2, vectorRank: 1, lexicalScore: 11.5, vectorScore: 0.9 });
    expect(fused.map((f) => f.id).sort()).toEqual([1, 2, 3, 4]);
  });

  it('RSF keeps how far ahead a hit is within its leg', () => {
    const fused = relativeScoreFusion(lexical, vector, { ...opts, vectorWeight: 0.5 });
    // 2: 0.95 + 0.5 * 1 = 1.45; 1: 1.0; 3: 0 + 0.5 * 0.5 = 0.25; 4: 0
    expect(fused.map((f) => f.id)).toEqual([2, 1, 3, 4]);
    expect(fused[0].score).toBeCloseTo(1.45, 5);
  });

  it('a weight of zero switches a leg off', () => {
    expect(
      relativeScoreFusion(lexical, vector, { ...opts, vectorWeight: 0 })
        .slice(0, 3)
        .map((f) => f.id),
    ).toEqual([1, 2, 3]);
    expect(reciprocalRankFusion(lexical, vector, { ...opts, lexicalWeight: 0 }).map((f) => f.id)).toEqual([2, 3, 4, 1]);
  });

  it('handles an empty leg', () => {
    expect(relativeScoreFusion([], vector, opts).map((f) => f.id)).toEqual([2, 3, 4]);
    expect(reciprocalRankFusion(lexical, [], opts).map((f) => f.id)).toEqual([1, 2, 3]);
  });
});
