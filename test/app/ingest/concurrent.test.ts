// Two refreshes at once: the second waits (bounded) or refuses clearly; the index is never corrupted.
import { cpSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../../src/app/app.ts';
import { ingest } from '../../../src/app/ingest.ts';
import type { Config } from '../../../src/config.ts';
import { IndexLockedError } from '../../../src/errors.ts';
import { acquireIndexLock } from '../../../src/index/lock.ts';
import { corpusConfig, runCli, tempRoot, until } from '../../helpers/refresh.ts';

const SHIPPED = resolve(import.meta.dirname, '../../../corpus');

let root: string;
let config: Config;
let cleanup: () => void;
beforeEach(() => {
  ({ root, cleanup } = tempRoot('wz-conc-'));
  config = corpusConfig(root);
  cpSync(SHIPPED, config.corpusDir, { recursive: true });
});
afterEach(() => cleanup());

const run = (lockWaitMs: number) => ingest(config, { corpusDir: config.corpusDir, indexDir: config.indexDir, mode: 'incremental', lockWaitMs });

async function assertServes(): Promise<void> {
  const answer = await App.open(config).ask('法定结婚年龄是多少');
  expect(answer.found).toBe(true);
}

describe('concurrent refreshes', () => {
  it('in one process: without waiting the second refuses, with waiting both finish', async () => {
    const results = await Promise.allSettled([run(0), run(0)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(IndexLockedError);
    await assertServes();

    const both = await Promise.all([run(30_000), run(30_000)]);
    expect(both.every((r) => r.upToDate)).toBe(true);
  });

  it('from the command line: refuses with exit code 75 and a clear message, or waits and succeeds', { timeout: 60_000 }, async () => {
    await run(0);
    const lock = await acquireIndexLock(config.indexDir); // a refresh in progress
    const args = ['refresh', '--corpus', config.corpusDir, '--index', config.indexDir];
    const refused = runCli([...args, '--wait', '0'], root);
    const waiting = runCli([...args, '--wait', '30'], root);
    const r = await refused.done;
    expect(r.code).toBe(75);
    expect(r.stderr).toMatch(new RegExp(`another ingest/refresh \\(pid ${process.pid}\\) is writing`));
    await until(() => /waiting for it/.test(waiting.stderr()), 20_000);
    lock.release();
    const w = await waiting.done;
    expect(w.stderr).toMatch(/waiting for it/);
    expect(w.code, w.stderr).toBe(0);
    expect(w.stdout).toMatch(/nothing changed/);
  });

  it('two command-line refreshes started together both end well and leave one consistent index', { timeout: 60_000 }, async () => {
    const args = ['refresh', '--corpus', config.corpusDir, '--index', config.indexDir];
    const [a, b] = await Promise.all([runCli(args, root).done, runCli(args, root).done]);
    expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
    // One built the index; the other waited for the lock and found it up to date.
    expect([a.stdout, b.stdout].filter((o) => /embedded [1-9]\d* chunks/.test(o))).toHaveLength(1);
    expect([a.stdout, b.stdout].filter((o) => /nothing changed/.test(o))).toHaveLength(1);
    await assertServes();
    expect(readdirSync(join(config.indexDir, 'snapshots'))).toHaveLength(1);
    expect(readdirSync(config.indexDir).sort()).toEqual(['CURRENT', 'snapshots']);
  });
});
