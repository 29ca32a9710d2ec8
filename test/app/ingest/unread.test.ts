// A refresh does not read a file whose size and modification time are those the live manifest recorded; a file
// whose time changed is read again, an edited one re-indexed, and a manifest without stamps still refreshes.
import { readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { type IngestOptions, ingest } from '../../../src/app/ingest.ts';
import type { Config } from '../../../src/config.ts';
import { stampOf } from '../../../src/corpus/load.ts';
import { LOADERS } from '../../../src/corpus/loaders/index.ts';
import { currentSnapshotName, snapshotsDir } from '../../../src/index/snapshot.ts';
import { policyText } from '../../corpus/loaders/fixtures.ts';
import { corpusConfig, countEmbedded, tempRoot, writeFiles } from '../../helpers/refresh.ts';

const FILES: Record<string, string> = {
  'a.md': `# 关于秸秆禁烧工作的通知\n\n${policyText('秸秆禁烧')}`,
  'b.txt': `关于森林防火的通知\n\n${policyText('森林防火')}`,
  'set.jsonl': ['农村饮水安全', '高标准农田'].map((t) => JSON.stringify({ title: `${t}实施办法`, content: policyText(t) })).join('\n'),
};
/** Files written by a test are too young to trust their time (stampOf): they are dated an hour back. */
const HOUR_AGO = (Date.now() - 3600_000) / 1000;

let root: string;
let config: Config;
let cleanup: () => void;
let reads: MockInstance[];

const corpus = (name: string) => join(config.corpusDir, name);
const age = (name: string, seconds = HOUR_AGO) => utimesSync(corpus(name), seconds, seconds);
const refresh = (extra: Partial<IngestOptions> = {}) =>
  ingest(config, { corpusDir: config.corpusDir, indexDir: config.indexDir, mode: 'incremental', ...extra });
/** Paths the loaders were given since the last call. */
const loaded = () => {
  const paths = reads.flatMap((spy) => spy.mock.calls.map(([file]) => (file as { path: string }).path)).sort();
  for (const spy of reads) spy.mockClear();
  return paths;
};
const manifestPath = () => join(snapshotsDir(config.indexDir), currentSnapshotName(config.indexDir)!, 'manifest.json');

beforeEach(async () => {
  ({ root, cleanup } = tempRoot('wz-unread-'));
  config = corpusConfig(root);
  writeFiles(config.corpusDir, FILES);
  for (const name of Object.keys(FILES)) age(name);
  await ingest(config, { corpusDir: config.corpusDir, indexDir: config.indexDir, mode: 'full' });
  reads = LOADERS.map((l) => vi.spyOn(l, 'load'));
});
afterEach(() => {
  for (const spy of reads) spy.mockRestore();
  cleanup();
});

describe('refresh skips files by size and modification time', () => {
  it('a no-change refresh reads no file and keeps the snapshot', async () => {
    const before = currentSnapshotName(config.indexDir);
    const r = await refresh();
    expect(loaded()).toEqual([]);
    expect(r).toMatchObject({ upToDate: true, unread: 3, snapshot: before, docs: 4 });
    expect(r.plan.unchanged).toHaveLength(4);
    expect(r.chars).toBeGreaterThan(0);
  });

  it('a touched file (new time, same content) is read again, found unchanged, and nothing is rebuilt', async () => {
    const before = currentSnapshotName(config.indexDir);
    age('b.txt', HOUR_AGO + 60);
    const counter = countEmbedded();
    try {
      const r = await refresh();
      expect(loaded()).toEqual(['b.txt']);
      expect(r).toMatchObject({ upToDate: true, unread: 2, snapshot: before, embedded: 0 });
      expect(counter.count()).toBe(0);
    } finally {
      counter.restore();
    }
  });

  it('an edited file is re-indexed; the others stay unread and keep their chunks', async () => {
    writeFileSync(corpus('a.md'), `# 关于秸秆禁烧工作的通知\n\n${policyText('秸秆禁烧')}\n\n补充：禁烧期间设立举报电话12345。`);
    age('a.md', HOUR_AGO + 60);
    const r = await refresh();
    expect(loaded()).toEqual(['a.md']);
    expect(r.plan.changed).toEqual(['a.md']);
    expect(r.plan.unchanged).toEqual(['b.txt', 'set.jsonl#农村饮水安全实施办法', 'set.jsonl#高标准农田实施办法']);
    expect(r.upToDate).toBe(false);
    expect(r.embedded).toBeGreaterThan(0);
    // The new snapshot records the new stamp: the next refresh reads nothing.
    expect(await refresh()).toMatchObject({ upToDate: true, unread: 3 });
    expect(loaded()).toEqual([]);
  });

  it('a deleted file is removed without reading the others', async () => {
    const m = JSON.parse(readFileSync(manifestPath(), 'utf8'));
    expect(m.docs.every((d: { source?: unknown }) => d.source)).toBe(true);
    rmSync(corpus('b.txt'));
    const r = await refresh();
    expect(loaded()).toEqual([]);
    expect(r.plan.removed).toEqual(['b.txt']);
    expect(r.upToDate).toBe(false);
  });

  it('--reread reads every file even when nothing changed', async () => {
    const r = await refresh({ reread: true });
    expect(loaded()).toEqual(['a.md', 'b.txt', 'set.jsonl']);
    expect(r).toMatchObject({ upToDate: true, unread: 0 });
  });

  it('a manifest without stamps (an older snapshot) is read in full once, then written with them', async () => {
    const m = JSON.parse(readFileSync(manifestPath(), 'utf8'));
    for (const d of m.docs) {
      delete d.source;
      delete d.chars;
    }
    delete m.loaders;
    writeFileSync(manifestPath(), JSON.stringify(m));
    const before = currentSnapshotName(config.indexDir);
    const counter = countEmbedded();
    try {
      const first = await refresh();
      expect(loaded()).toEqual(['a.md', 'b.txt', 'set.jsonl']);
      expect(first.plan.unchanged).toHaveLength(4);
      expect(first.embedded).toBe(0);
      expect(counter.count()).toBe(0);
      expect(first.snapshot).not.toBe(before);
      const second = await refresh();
      expect(loaded()).toEqual([]);
      expect(second).toMatchObject({ upToDate: true, unread: 3, snapshot: first.snapshot });
    } finally {
      counter.restore();
    }
  });

  it('a file written moments ago gets no stamp, so an edit within its clock tick is not missed', () => {
    const now = Date.now();
    expect(stampOf({ size: 10, mtimeMs: now - 10.5 }, now)).toBeUndefined();
    expect(stampOf({ size: 10, mtimeMs: now - 500.5 }, now)).toEqual({ size: 10, mtimeMs: now - 500.5 });
    // A coarse clock (whole seconds) is trusted only two seconds later.
    const second = Math.floor(now / 1000) * 1000 - 1000;
    expect(stampOf({ size: 10, mtimeMs: second }, second + 1500)).toBeUndefined();
    expect(stampOf({ size: 10, mtimeMs: second }, second + 2500)).toBeDefined();
  });
});
