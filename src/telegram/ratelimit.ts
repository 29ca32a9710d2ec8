// Per-user rate limit over a sliding window, counted in the state store so replicas share it: the first message
// over the limit gets a friendly reply, the following ones in the same window are dropped quietly so a flooding
// client does not make the bot flood back.
import { type BotServices, RATE_WINDOW_MS, storeKey } from './services.ts';

export type RateDecision = { kind: 'ok' } | { kind: 'limited'; retryInSeconds: number } | { kind: 'silent' };

export async function checkRate(s: BotServices, userId: number | undefined): Promise<RateDecision> {
  const d = await s.store.limits.hit(`user:${storeKey(s, `user:${userId ?? 0}`)}`, s.settings.rateLimitPerMinute, RATE_WINDOW_MS);
  if (d.allowed) return { kind: 'ok' };
  s.metrics.rateLimited.inc();
  if (!d.firstRefusal) return { kind: 'silent' };
  return { kind: 'limited', retryInSeconds: Math.max(1, Math.ceil(d.retryAfterMs / 1000)) };
}
