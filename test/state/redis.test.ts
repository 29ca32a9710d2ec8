import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStateStore } from '../../src/state/create.ts';
import { StateStoreError } from '../../src/state/errors.ts';
import { RedisStore } from '../../src/state/redis.ts';
import { captureLog } from '../helpers/log.ts';
import { type RedisServer, redisServerAvailable, startRedisServer } from '../helpers/redis-server.ts';
import { storeContract } from './store.contract.ts';

const available = redisServerAvailable();

describe.skipIf(!available)('Redis state store', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  // Each world is a fresh namespace on the one server: two clients, as two replicas would have.
  storeContract('Redis', async () => {
    const namespace = `t${randomBytes(4).toString('hex')}`;
    const a = await RedisStore.connect(server.url, { namespace });
    const b = await RedisStore.connect(server.url, { namespace });
    return {
      a,
      b,
      close: async () => void (await Promise.all([a.close(), b.close()])),
    };
  });

  it('lists votes cast in the same millisecond in the order they were cast', async () => {
    const store = await RedisStore.connect(server.url, { namespace: `t${randomBytes(4).toString('hex')}`, now: () => 1_000 });
    try {
      const order = ['up', 'down', 'up', 'down', 'down', 'up', 'up', 'down'] as const;
      for (const [i, vote] of order.entries()) {
        await store.feedback.vote({ answerId: `a${i}`, voter: `v${i}`, ttlMs: 60_000 }, { question: `q${i}`, found: true, source: 's', citations: [], vote });
      }
      expect((await store.feedback.list()).map((r) => r.question)).toEqual(order.map((_, i) => `q${i}`));
    } finally {
      await store.close();
    }
  });

  it('every key carries the namespace, and the expiring kinds a time to live', async () => {
    const raw = new Redis(server.url);
    await raw.flushall(); // only this store's keys from here on
    const store = await createStateStore({
      dataDir: '/nonexistent',
      redisUrl: server.url,
      namespace: 'keys',
    });
    expect(store.kind).toBe('redis');
    await store.contexts.set('42:7', 'q', 60_000);
    await store.limits.hit('u1', 3, 60_000);
    await store.limits.hit('u2', 1, 60_000);
    await store.limits.hit('u2', 1, 60_000); // refused: sets the "warned" flag
    await store.updates.claim(77, 60_000);
    await store.callbacks.put({ a: 1 }, 60_000);
    await store.feedback.vote({ answerId: 'a', voter: 'v', ttlMs: 60_000 }, { question: 'q', found: true, source: 's', citations: [], vote: 'up' });
    await store.questions.record({
      text: 'q',
      outcome: 'answered',
      docs: [],
      latencyMs: 1,
      chatKind: 'private',
      userHash: 'h',
    });
    await store.subscriptions.add('chat', 'id', {});
    const keys = (await raw.keys('*')).sort();
    expect(keys.every((k) => k.startsWith('wz:keys:'))).toBe(true);
    const expiring = keys.filter((k) => /^wz:keys:(ctx|rl|rlw|upd|cb|vote):/.test(k));
    expect(expiring.map((k) => k.split(':')[2]).sort()).toEqual(['cb', 'ctx', 'rl', 'rl', 'rlw', 'upd', 'vote']);
    for (const k of expiring) {
      const ttl = await raw.pttl(k);
      expect(ttl, k).toBeGreaterThan(0);
      expect(ttl, k).toBeLessThanOrEqual(60_000);
    }
    await raw.quit();
    await store.close();
  });

  it('a Redis that is not there fails fast with a named error that hides the password', async () => {
    const logged = captureLog();
    const err = await RedisStore.connect('redis://:s3cret@127.0.0.1:1', {
      namespace: 'x',
    }).catch((e) => e);
    logged.restore();
    expect(logged.lines.filter((l) => l.includes('redis connection problem'))).toHaveLength(1);
    expect(err).toBeInstanceOf(StateStoreError);
    expect(err.hint).toMatch(/REDIS_URL/);
    expect(`${err.message} ${err.hint}`).not.toContain('s3cret');
  });

  it('ping turns into "not ready" when the server goes away', async () => {
    const own = await startRedisServer();
    const store = await RedisStore.connect(own.url, { namespace: 'gone' });
    await store.ping();
    const logged = captureLog();
    await own.stop();
    await expect(store.ping()).rejects.toBeInstanceOf(StateStoreError);
    await store.close();
    logged.restore();
    expect(logged.lines.join('')).toContain('redis connection problem');
  });
});
