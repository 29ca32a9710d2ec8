// A running App picks up a refresh made by another process while questions are being answered: no failed
// answer, and the new documents are answered once the new snapshot is live.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/app/app.ts';
import { ingest } from '../../src/app/ingest.ts';
import { type LiveReload, startLiveReload } from '../../src/app/live.ts';
import type { Config } from '../../src/config.ts';
import { currentSnapshotName } from '../../src/index/snapshot.ts';
import { setLogLevel } from '../../src/log.ts';
import { policyText } from '../corpus/loaders/fixtures.ts';
import { corpusConfig, runCli, tempRoot, until } from '../helpers/refresh.ts';

const SHIPPED = resolve(import.meta.dirname, '../../corpus');
const NEW_DOC = '# 关于秸秆综合利用的通知\n\n' + policyText('秸秆综合利用', 4);

let root: string;
let config: Config;
let cleanup: () => void;
let live: LiveReload | undefined;

beforeEach(async () => {
  setLogLevel('silent');
  ({ root, cleanup } = tempRoot('wz-live-'));
  config = corpusConfig(root);
  cpSync(SHIPPED, config.corpusDir, { recursive: true });
  await ingest(config, { corpusDir: config.corpusDir, indexDir: config.indexDir, mode: 'incremental' });
});
afterEach(() => {
  live?.stop();
  cleanup();
});

describe('live pickup of a new snapshot', () => {
  it('swaps in a refresh made by another process while questions are answered, with no failed answer', { timeout: 60_000 }, async () => {
    const app = App.open(config);
    const first = app.status().snapshot;
    const reloads: string[] = [];
    live = startLiveReload(app, config.indexDir, { pollMs: 500, signal: false, onReload: (s) => reloads.push(s.snapshot) });

    const failures: string[] = [];
    const answered = { before: 0, after: 0 };
    let stop = false;
    const questions = ['法定结婚年龄是多少', '遗产按照什么顺序继承', '什么是三治融合'];
    const worker = async (w: number) => {
      for (let i = w; !stop; i++) {
        const q = questions[i % questions.length];
        try {
          const a = await app.ask(q);
          if (!a.found) failures.push(`not found: ${q}`);
          answered[app.status().snapshot === first ? 'before' : 'after']++;
        } catch (err) {
          failures.push(`${q}: ${(err as Error).message}`);
        }
        await new Promise((r) => setImmediate(r));
      }
    };
    const workers = [0, 1, 2, 3].map(worker);

    mkdirSync(join(config.corpusDir, 'new'), { recursive: true });
    writeFileSync(join(config.corpusDir, 'new/秸秆.md'), NEW_DOC);
    const refresh = await runCli(['refresh', '--corpus', config.corpusDir, '--index', config.indexDir], root).done;
    expect(refresh.code, refresh.stderr).toBe(0);
    const next = currentSnapshotName(config.indexDir)!;
    await until(() => app.status().snapshot === next, 10_000);
    const settle = answered.after + 20;
    await until(() => answered.after >= settle, 10_000);
    stop = true;
    await Promise.all(workers);

    expect(failures).toEqual([]);
    expect(reloads).toEqual([next]);
    expect(answered.before).toBeGreaterThan(0);
    const a = await app.ask('秸秆综合利用专项资金是多少');
    expect(a.found).toBe(true);
    expect(a.citations[0].doc).toBe('new/秸秆.md');
  });

  it('reloads on SIGHUP', async () => {
    const app = App.open(config);
    live = startLiveReload(app, config.indexDir, { watch: false, pollMs: 0 });
    writeFileSync(join(config.corpusDir, '秸秆.md'), NEW_DOC);
    const r = await ingest(config, { corpusDir: config.corpusDir, indexDir: config.indexDir, mode: 'incremental' });
    expect(app.status().snapshot).not.toBe(r.snapshot); // nothing watches: still the old one
    process.kill(process.pid, 'SIGHUP');
    await until(() => app.status().snapshot === r.snapshot, 5000);
  });

  it('keeps serving when the new snapshot cannot be loaded, reports it once, and takes the next good one', async () => {
    const app = App.open(config);
    const errors: string[] = [];
    live = startLiveReload(app, config.indexDir, { watch: false, pollMs: 0, signal: false, onError: (_e, name) => errors.push(name!) });
    const good = app.status().snapshot;
    mkdirSync(join(config.indexDir, 'snapshots', 'broken'));
    writeFileSync(join(config.indexDir, 'CURRENT'), 'broken\n'); // e.g. a snapshot written by a newer version
    expect(live.check()).toBe(false);
    expect(live.check()).toBe(false);
    expect(errors).toEqual(['broken']);
    expect(app.status().snapshot).toBe(good);
    expect((await app.ask('法定结婚年龄是多少')).found).toBe(true);

    writeFileSync(join(config.corpusDir, '秸秆.md'), NEW_DOC);
    const r = await ingest(config, { corpusDir: config.corpusDir, indexDir: config.indexDir, mode: 'full' });
    expect(live.check()).toBe(true);
    expect(app.status().snapshot).toBe(r.snapshot);
  });
});
