import { expect, it } from 'vitest';
import { RateLimiter } from '../../src/telegram/ratelimit.ts';

it('allows `limit` hits per window per key, warns once, then stays quiet until the window slides', () => {
  let now = 0;
  const rl = new RateLimiter(2, 60_000, () => now);
  expect(rl.hit('a').kind).toBe('ok');
  now = 10_000;
  expect(rl.hit('a').kind).toBe('ok');
  expect(rl.hit('a')).toEqual({ kind: 'limited', retryInSeconds: 50 });
  expect(rl.hit('a').kind).toBe('silent');
  expect(rl.hit('b').kind).toBe('ok');
  now = 60_000; // the first hit has left the window
  expect(rl.hit('a').kind).toBe('ok');
  expect(rl.hit('a').kind).toBe('limited');
});
