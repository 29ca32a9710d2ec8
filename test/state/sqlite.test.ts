import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.ts';
import { createStateStore } from '../../src/state/create.ts';
import { StateStoreError } from '../../src/state/errors.ts';
import { SqliteStore, STATE_FILE } from '../../src/state/sqlite.ts';
import { storeContract } from './store.contract.ts';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'wz-state-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

// Two connections on one file: what two processes on one machine would have.
storeContract('SQLite', async () => {
  const dir = tempDir();
  const a = SqliteStore.open(dir);
  const b = SqliteStore.open(dir);
  return {
    a,
    b,
    close: async () => void (await Promise.all([a.close(), b.close()])),
  };
});

describe('SQLite state store', () => {
  it('keeps conversations, claims and subscriptions across a restart', async () => {
    const dir = tempDir();
    const first = await createStateStore({ dataDir: dir, namespace: 'test' });
    expect(first.kind).toBe('sqlite');
    await first.contexts.set('42:7', '养老保险怎么交', 60_000);
    await first.updates.claim(5, 60_000);
    await first.subscriptions.add('chat-1', 't', { q: 1 });
    await first.close();
    const second = await createStateStore({ dataDir: dir, namespace: 'test' });
    expect(await second.contexts.get('42:7')).toBe('养老保险怎么交');
    expect(await second.updates.claim(5, 60_000)).toBe(false); // a re-delivery after the restart is not answered twice
    expect(await second.subscriptions.list('chat-1')).toHaveLength(1);
    await second.close();
  });

  it('runs in WAL mode in DATA_DIR', async () => {
    const dir = tempDir();
    const s = SqliteStore.open(dir);
    await s.contexts.set('k', 1, 1000);
    const db = new Database(join(dir, STATE_FILE), { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    await s.close();
  });

  it('the sweep deletes expired rows and keeps live ones', async () => {
    let t = 1_000_000;
    const s = SqliteStore.open(tempDir(), { now: () => t, sweepMs: 0 });
    await s.contexts.set('old', 'a', 1000);
    await s.callbacks.put('b', 1000);
    await s.updates.claim(1, 1000);
    await s.limits.hit('u', 3, 1000);
    await s.contexts.set('live', 'c', 10_000);
    t += 5000;
    expect(s.sweep()).toBe(4);
    expect(s.sweep()).toBe(0);
    expect(await s.contexts.get('live')).toBe('c');
    await s.close();
  });

  it('ping fails with a named error once closed', async () => {
    const s = SqliteStore.open(tempDir());
    await s.close();
    await expect(s.ping()).rejects.toBeInstanceOf(StateStoreError);
  });

  it('an unusable data directory is a StateStoreError with a hint', async () => {
    const file = join(tempDir(), 'not-a-dir');
    (await import('node:fs')).writeFileSync(file, '');
    let err: unknown;
    try {
      SqliteStore.open(file);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StateStoreError);
    expect((err as StateStoreError).hint).toMatch(/DATA_DIR is writable/);
  });

  it('the factory refuses a namespace that would break the key layout', async () => {
    await expect(createStateStore({ dataDir: tempDir(), namespace: 'a:b' })).rejects.toBeInstanceOf(ConfigError);
    await expect(
      createStateStore({
        dataDir: tempDir(),
        namespace: 'x',
        redisUrl: 'http://x',
      }),
    ).rejects.toBeInstanceOf(ConfigError);
  });
});
