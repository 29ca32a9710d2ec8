// Pure fusion of the two legs' ranked lists. Relative score fusion is the default (measured better on the
// Wikipedia sets: it keeps how far ahead a leg's first hit is); reciprocal-rank fusion is kept for comparison.
import type { ScoredId } from '../index/lexical.ts';

export interface FusedId {
  id: number;
  score: number;
  lexicalRank?: number;
  vectorRank?: number;
  lexicalScore?: number;
  vectorScore?: number;
}

export interface FusionOptions {
  k: number;
  lexicalWeight: number;
  vectorWeight: number;
}

/** Each leg contributes `weight * contribution(hit, rank)`; ranks and raw scores are kept on the result. */
function fuse(
  lexical: ScoredId[],
  vector: ScoredId[],
  weights: [number, number],
  contribution: (hits: ScoredId[]) => (h: ScoredId, rank: number) => number,
): FusedId[] {
  const byId = new Map<number, FusedId>();
  const entry = (id: number): FusedId => {
    let f = byId.get(id);
    if (!f) byId.set(id, (f = { id, score: 0 }));
    return f;
  };
  // Each leg's fields are named outright (not built as `${leg}Rank`): computed keys made every store a lookup.
  const lexicalPart = contribution(lexical);
  lexical.forEach((h, rank) => {
    const f = entry(h.id);
    f.lexicalRank = rank + 1;
    f.lexicalScore = h.score;
    f.score += weights[0] * lexicalPart(h, rank);
  });
  const vectorPart = contribution(vector);
  vector.forEach((h, rank) => {
    const f = entry(h.id);
    f.vectorRank = rank + 1;
    f.vectorScore = h.score;
    f.score += weights[1] * vectorPart(h, rank);
  });
  return [...byId.values()].sort((a, b) => b.score - a.score || a.id - b.id);
}

/** Weighted RRF: rank-based, so the legs' incomparable score scales need no calibration. */
export function reciprocalRankFusion(lexical: ScoredId[], vector: ScoredId[], opts: FusionOptions): FusedId[] {
  return fuse(lexical, vector, [opts.lexicalWeight, opts.vectorWeight], () => (_, rank) => 1 / (opts.k + rank + 1));
}

/**
 * Relative score fusion: each leg's scores scaled to [0, 1] by min-max over its candidates, then a weighted
 * sum. Keeps how far ahead a leg's first hit is, which ranks alone lose.
 */
export function relativeScoreFusion(lexical: ScoredId[], vector: ScoredId[], opts: FusionOptions): FusedId[] {
  const minMax = (hits: ScoredId[]) => {
    const max = hits[0]?.score ?? 0;
    const min = hits[hits.length - 1]?.score ?? 0;
    return (h: ScoredId) => (max > min ? (h.score - min) / (max - min) : 1);
  };
  return fuse(lexical, vector, [opts.lexicalWeight, opts.vectorWeight], minMax);
}
