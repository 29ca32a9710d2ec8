// Latency as the bench reports it: each question at the median of its timed passes, then percentiles over questions.
import { describe, expect, it } from 'vitest';
import { timeCalls } from '../../../src/measure/bench/measure.ts';

const busy = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};

describe('timeCalls', () => {
  it('counts a question timed three times at its median, so one stalled pass does not make the p95', async () => {
    const questions = ['a', 'b', 'c', 'd'];
    let calls = 0;
    // Timed passes: every question three times; the first timed call of "a" stalls for 40 ms.
    const lat = await timeCalls(
      [...questions, ...questions, ...questions],
      async (q) => {
        calls++;
        if (q === 'a' && calls === 1) busy(40);
      },
      0,
    );
    expect(calls).toBe(12);
    expect(lat.p95).toBeLessThan(20);
  });

  it('still reports a question that is slow every time', async () => {
    const lat = await timeCalls(['a', 'b', 'a', 'b'], async (q) => busy(q === 'a' ? 30 : 0), 0);
    expect(lat.p95).toBeGreaterThanOrEqual(25);
  });
});
