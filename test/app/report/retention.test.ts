import { afterEach, describe, expect, it, vi } from 'vitest';
import { DAY_MS, startRetention } from '../../../src/app/report/build.ts';

afterEach(() => vi.useRealTimers());

describe('retention in a running bot', () => {
  it('purges rows older than the retention period at start and then once a day', async () => {
    vi.useFakeTimers();
    const ages: number[] = [];
    const purged: number[] = [];
    const r = startRetention({ purge: async (age) => (ages.push(age), 2) }, 90, { onPurged: (n) => purged.push(n) });
    await vi.advanceTimersByTimeAsync(0);
    expect(ages).toEqual([90 * DAY_MS]);
    await vi.advanceTimersByTimeAsync(DAY_MS);
    expect(ages).toHaveLength(2);
    expect(purged).toEqual([2, 2]);
    r.stop();
    await vi.advanceTimersByTimeAsync(3 * DAY_MS);
    expect(ages).toHaveLength(2);
  });

  it('reports a failed purge and tries again the next day', async () => {
    vi.useFakeTimers();
    const errors: unknown[] = [];
    let calls = 0;
    const r = startRetention(
      {
        purge: async () => {
          calls++;
          throw new Error('store down');
        },
      },
      90,
      { onError: (e) => errors.push(e) },
    );
    await vi.advanceTimersByTimeAsync(DAY_MS);
    expect(calls).toBe(2);
    expect(errors).toHaveLength(2);
    r.stop();
  });
});
