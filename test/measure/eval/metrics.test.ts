import { describe, expect, it } from 'vitest';
import {
  citationRecall,
  distinctInOrder,
  factRecall,
  hitAt,
  percentiles,
  reciprocalRank,
  scoreRefusals,
  scoreRetrieval,
} from '../../../src/measure/eval/metrics.ts';
import { matchForm } from '../../../src/text/normalize.ts';

describe('retrieval metrics', () => {
  it('counts a document once, at its best rank', () => {
    expect(distinctInOrder(['a', 'b', 'a', 'c', 'b'])).toEqual(['a', 'b', 'c']);
  });

  it.each([
    [['g', 'x'], 1, 1],
    [['x', 'g'], 1, 0],
    [['x', 'y', 'z', 'w', 'g'], 5, 1],
    [['x', 'y', 'z', 'w', 'v', 'g'], 5, 0],
  ])('hit@k of %j at k=%i is %i', (ranked, k, want) => {
    expect(hitAt(ranked, 'g', k)).toBe(want);
  });

  it('gives 1/rank within the cutoff and 0 beyond it', () => {
    expect(reciprocalRank(['x', 'y', 'g'], 'g', 10)).toBeCloseTo(1 / 3);
    expect(reciprocalRank([...'abcdefghij', 'g'], 'z', 10)).toBe(0);
    expect(reciprocalRank([...'abcdefghij'].concat('z'), 'z', 10)).toBe(0);
  });

  it('averages hit@1, hit@5 and MRR@10 over questions', () => {
    const s = scoreRetrieval([
      { ranked: ['g'], gold: 'g' },
      { ranked: ['a', 'g'], gold: 'g' },
      { ranked: ['a', 'b'], gold: 'g' },
    ]);
    expect(s).toEqual({ n: 3, hit1: 1 / 3, hit5: 2 / 3, mrr10: (1 + 0.5) / 3 });
    expect(scoreRetrieval([])).toEqual({ n: 0, hit1: 0, hit5: 0, mrr10: 0 });
  });
});

describe('refusal precision and recall', () => {
  it('treats a refusal as the positive class', () => {
    const s = scoreRefusals([
      { shouldRefuse: true, refused: true },
      { shouldRefuse: true, refused: false },
      { shouldRefuse: false, refused: true },
      { shouldRefuse: false, refused: false },
      { shouldRefuse: false, refused: false },
      { shouldRefuse: false, refused: false },
    ]);
    expect(s.precision).toBe(0.5);
    expect(s.recall).toBe(0.5);
    expect(s.falseRefusalRate).toBe(0.25);
    expect([s.refused, s.outOfScope, s.inScope]).toEqual([2, 2, 4]);
  });

  it('calls a system that never refuses precise but blind', () => {
    const s = scoreRefusals([
      { shouldRefuse: true, refused: false },
      { shouldRefuse: false, refused: false },
    ]);
    expect(s.precision).toBe(1);
    expect(s.recall).toBe(0);
  });
});

describe('answer metrics', () => {
  it('finds facts across scripts and accepts any alternative', () => {
    const answer = '結婚年齡，男不得早於二十二周歲，女不得早於二十周歲。';
    expect(factRecall(answer, ['二十二周岁', '二十周岁'], matchForm)).toBe(1);
    expect(factRecall(answer, [['22岁', '二十二周岁'], '十八周岁'], matchForm)).toBe(0.5);
    expect(factRecall('', [], matchForm)).toBe(1);
  });

  it('counts the required passages covered by some cited passage', () => {
    const cited = ['第一千一百二十七条 遗产按照下列顺序继承：（一）第一顺序：配偶、子女、父母；'];
    expect(citationRecall(cited, ['第一顺序：配偶、子女、父母', '夫妻有相互继承遗产的权利'], matchForm)).toBe(0.5);
  });

  it('takes the median and the nearest-rank 95th percentile', () => {
    const xs = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentiles(xs)).toEqual({ p50: 50, p95: 95 });
    expect(percentiles([])).toEqual({ p50: 0, p95: 0 });
  });
});
