// Pure scoring: retrieval metrics over ranked document ids, and the answer-quality metrics of the golden set.

/** Document ids in rank order without repeats: several chunks of one document count once, at its best rank. */
export function distinctInOrder(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

/** 1 when `gold` is among the first `k` ranked ids, else 0. */
export function hitAt(ranked: readonly string[], gold: string, k: number): number {
  return ranked.slice(0, k).includes(gold) ? 1 : 0;
}

/** 1/rank of `gold` within the first `k` ranked ids, 0 when it is not there. */
export function reciprocalRank(ranked: readonly string[], gold: string, k: number): number {
  const i = ranked.slice(0, k).indexOf(gold);
  return i < 0 ? 0 : 1 / (i + 1);
}

export interface RetrievalScore {
  n: number;
  hit1: number;
  hit5: number;
  mrr10: number;
}

/** Mean hit@1, hit@5 and MRR@10 over questions, each given as (distinct ranked doc ids, gold id). */
export function scoreRetrieval(results: readonly { ranked: readonly string[]; gold: string }[]): RetrievalScore {
  const n = results.length;
  if (!n) return { n: 0, hit1: 0, hit5: 0, mrr10: 0 };
  let hit1 = 0;
  let hit5 = 0;
  let mrr10 = 0;
  for (const r of results) {
    hit1 += hitAt(r.ranked, r.gold, 1);
    hit5 += hitAt(r.ranked, r.gold, 5);
    mrr10 += reciprocalRank(r.ranked, r.gold, 10);
  }
  return { n, hit1: hit1 / n, hit5: hit5 / n, mrr10: mrr10 / n };
}

export interface RefusalScore {
  /** Share of refusals that were right (the question was out of scope). */
  precision: number;
  /** Share of out-of-scope questions refused. */
  recall: number;
  /** Share of in-scope questions wrongly refused. */
  falseRefusalRate: number;
  refused: number;
  outOfScope: number;
  inScope: number;
}

/** Refusal as the positive class: `shouldRefuse` is the truth, `refused` what the system did. */
export function scoreRefusals(outcomes: readonly { shouldRefuse: boolean; refused: boolean }[]): RefusalScore {
  let tp = 0;
  let fp = 0;
  let outOfScope = 0;
  let inScope = 0;
  for (const o of outcomes) {
    if (o.shouldRefuse) outOfScope++;
    else inScope++;
    if (o.refused && o.shouldRefuse) tp++;
    if (o.refused && !o.shouldRefuse) fp++;
  }
  const refused = tp + fp;
  return {
    // No refusal at all makes no wrong refusal: precision is then vacuously 1.
    precision: refused ? tp / refused : 1,
    recall: outOfScope ? tp / outOfScope : 1,
    falseRefusalRate: inScope ? fp / inScope : 0,
    refused,
    outOfScope,
    inScope,
  };
}

/** A fact is one string, or alternatives of which any one will do ("二十二周岁" or "22"). */
export type Fact = string | string[];

/** Share of facts found in `text`; `norm` puts both sides in one form (script, width) before comparing. */
export function factRecall(text: string, facts: readonly Fact[], norm: (s: string) => string): number {
  if (!facts.length) return 1;
  const t = norm(text);
  const found = facts.filter((f) => (Array.isArray(f) ? f : [f]).some((alt) => t.includes(norm(alt))));
  return found.length / facts.length;
}

/** Share of required passages (substrings) covered by at least one cited passage. */
export function citationRecall(cited: readonly string[], required: readonly string[], norm: (s: string) => string): number {
  if (!required.length) return 1;
  const c = cited.map(norm);
  return required.filter((r) => c.some((p) => p.includes(norm(r)))).length / required.length;
}

/** Median and 95th percentile (nearest rank) of a sample, in its unit. */
export function percentiles(values: readonly number[]): { p50: number; p95: number } {
  if (!values.length) return { p50: 0, p95: 0 };
  const s = [...values].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
  return { p50: at(0.5), p95: at(0.95) };
}
