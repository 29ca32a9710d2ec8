// The per-user limit is counted in the state store, so every replica sees the same window.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { App } from '../../src/app/app.ts';
import { loadConfig } from '../../src/config.ts';
import { SqliteStore } from '../../src/state/sqlite.ts';
import { BotMetrics } from '../../src/telegram/metrics.ts';
import { checkRate } from '../../src/telegram/ratelimit.ts';
import { createServices } from '../../src/telegram/services.ts';

const dir = mkdtempSync(join(tmpdir(), 'wz-rl-'));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('allows `limit` hits per window per user, warns once, then stays quiet until the window slides, on any replica', async () => {
  let now = 0;
  const config = loadConfig({ RATE_LIMIT_PER_MINUTE: '2' });
  const app = { config } as unknown as App;
  const replica = () => createServices(app, SqliteStore.open(dir, { now: () => now, sweepMs: 0 }), new BotMetrics({ defaults: false }), 'token');
  const [a, b] = [replica(), replica()];
  expect((await checkRate(a, 1)).kind).toBe('ok');
  now = 10_000;
  expect((await checkRate(b, 1)).kind).toBe('ok');
  expect(await checkRate(a, 1)).toEqual({ kind: 'limited', retryInSeconds: 50 });
  expect((await checkRate(b, 1)).kind).toBe('silent');
  expect((await checkRate(b, 2)).kind).toBe('ok');
  now = 60_000; // the first hit has left the window
  expect((await checkRate(a, 1)).kind).toBe('ok');
  expect((await checkRate(b, 1)).kind).toBe('limited');
  // Each replica counts the refusals it made.
  expect((await a.metrics.rateLimited.get()).values[0].value).toBe(1);
  expect((await b.metrics.rateLimited.get()).values[0].value).toBe(2);
  await a.store.close();
  await b.store.close();
});
