// Per-user rate limit over a sliding window: the first message over the limit gets a friendly reply, the
// following ones in the same window are dropped quietly so a flooding client does not make the bot flood back.

export type RateDecision = { kind: 'ok' } | { kind: 'limited'; retryInSeconds: number } | { kind: 'silent' };

export class RateLimiter {
  private hits = new Map<string, { times: number[]; warned: boolean }>();
  private sinceSweep = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  hit(key: string): RateDecision {
    const t = this.now();
    if (++this.sinceSweep >= 1000) this.sweep(t);
    const entry = this.hits.get(key) ?? { times: [], warned: false };
    this.hits.set(key, entry);
    entry.times = entry.times.filter((x) => t - x < this.windowMs);
    if (entry.times.length < this.limit) {
      entry.times.push(t);
      entry.warned = false;
      return { kind: 'ok' };
    }
    if (entry.warned) return { kind: 'silent' };
    entry.warned = true;
    return { kind: 'limited', retryInSeconds: Math.max(1, Math.ceil((entry.times[0] + this.windowMs - t) / 1000)) };
  }

  /** Forget users with no hit inside the window, so memory stays bounded by the active users. */
  private sweep(t: number): void {
    this.sinceSweep = 0;
    for (const [key, e] of this.hits) if (!e.times.length || t - e.times[e.times.length - 1] >= this.windowMs) this.hits.delete(key);
  }
}
