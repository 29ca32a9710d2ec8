// Pure rank fusion of the two legs. Weighted reciprocal-rank fusion: rank-based, so the legs' incomparable
// score scales (BM25 vs cosine) need no calibration against each other.
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

export function reciprocalRankFusion(lexical: ScoredId[], vector: ScoredId[], opts: FusionOptions): FusedId[] {
  const byId = new Map<number, FusedId>();
  const get = (id: number) => {
    let f = byId.get(id);
    if (!f) byId.set(id, (f = { id, score: 0 }));
    return f;
  };
  lexical.forEach((h, rank) => {
    const f = get(h.id);
    f.lexicalRank = rank + 1;
    f.lexicalScore = h.score;
    f.score += opts.lexicalWeight / (opts.k + rank + 1);
  });
  vector.forEach((h, rank) => {
    const f = get(h.id);
    f.vectorRank = rank + 1;
    f.vectorScore = h.score;
    f.score += opts.vectorWeight / (opts.k + rank + 1);
  });
  return [...byId.values()].sort((a, b) => b.score - a.score || a.id - b.id);
}

/**
 * Relative score fusion: each leg's scores scaled to [0, 1] by its own best score (min-max over the
 * candidates), then a weighted sum. Keeps how far ahead a leg's first hit is, which ranks alone lose.
 */
export function relativeScoreFusion(lexical: ScoredId[], vector: ScoredId[], opts: FusionOptions): FusedId[] {
  const byId = new Map<number, FusedId>();
  const get = (id: number) => {
    let f = byId.get(id);
    if (!f) byId.set(id, (f = { id, score: 0 }));
    return f;
  };
  const scale = (hits: ScoredId[]) => {
    if (!hits.length) return (_: number) => 0;
    const max = hits[0].score;
    const min = hits[hits.length - 1].score;
    return (s: number) => (max > min ? (s - min) / (max - min) : 1);
  };
  const sl = scale(lexical);
  lexical.forEach((h, rank) => {
    const f = get(h.id);
    f.lexicalRank = rank + 1;
    f.lexicalScore = h.score;
    f.score += opts.lexicalWeight * sl(h.score);
  });
  const sv = scale(vector);
  vector.forEach((h, rank) => {
    const f = get(h.id);
    f.vectorRank = rank + 1;
    f.vectorScore = h.score;
    f.score += opts.vectorWeight * sv(h.score);
  });
  return [...byId.values()].sort((a, b) => b.score - a.score || a.id - b.id);
}
