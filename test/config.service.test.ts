// The service settings (issue 11): SQLite by default, Redis only with a redis:// URL, a drain deadline.
import { expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';

it('runs on SQLite with no extra server by default, and validates the service variables', () => {
  const c = loadConfig({});
  expect(c.service).toEqual({
    redisUrl: undefined,
    stateNamespace: 'wenzheng',
    webhookHost: '0.0.0.0',
    metricsPort: undefined,
    drainMs: 10_000,
    updateLeaseMs: 15_000,
  });
  expect(c.logFormat).toBe('text');
  const r = loadConfig({ REDIS_URL: 'redis://redis:6379/0', METRICS_PORT: '9464', DRAIN_SECONDS: '2.5', LOG_FORMAT: 'json' });
  expect(r.service).toMatchObject({ redisUrl: 'redis://redis:6379/0', metricsPort: 9464, drainMs: 2500 });
  expect(r.logFormat).toBe('json');
  expect(loadConfig({ METRICS_PORT: '' }).service.metricsPort).toBeUndefined();
  expect(() => loadConfig({ REDIS_URL: 'localhost:6379' })).toThrow(/REDIS_URL/);
  expect(() => loadConfig({ STATE_NAMESPACE: 'a:b' })).toThrow(/STATE_NAMESPACE/);
  expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT/);
});
