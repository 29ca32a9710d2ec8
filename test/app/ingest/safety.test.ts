// Issue 13, faults that stop the bot or lose answers at refresh time: a corpus that shrank (empty, unmounted,
// unreadable) is not published without --allow-shrink; a damaged live snapshot is rebuilt by refresh and, at
// start, the previous good snapshot is served; symbolic links are followed, loops and broken links listed.
import { mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../../src/app/app.ts';
import { type IngestOptions, ingest } from '../../../src/app/ingest.ts';
import { handleError } from '../../../src/cli/main.ts';
import type { Config } from '../../../src/config.ts';
import { ConfigError, CorpusShrankError, SnapshotDamagedError } from '../../../src/errors.ts';
import { currentSnapshotName, snapshotsDir } from '../../../src/index/snapshot.ts';
import { policyText } from '../../corpus/loaders/fixtures.ts';
import { captureLog } from '../../helpers/log.ts';
import { corpusConfig, tempRoot, writeFiles } from '../../helpers/refresh.ts';

const TOPICS = ['秸秆禁烧', '农村饮水安全', '高标准农田', '乡村道路养护'];
const doc = (t: string) => `# 关于${t}工作的通知\n\n${policyText(t)}`;

let root: string;
let config: Config;
let cleanup: () => void;

beforeEach(() => {
  ({ root, cleanup } = tempRoot('wz-safety-'));
  config = corpusConfig(root);
  writeFiles(config.corpusDir, Object.fromEntries(TOPICS.map((t, i) => [`${i}.md`, doc(t)])));
});
afterEach(() => cleanup());

const refresh = (extra: Partial<IngestOptions> = {}) =>
  ingest(config, { corpusDir: config.corpusDir, indexDir: config.indexDir, mode: 'incremental', ...extra });
const liveDir = () => join(snapshotsDir(config.indexDir), currentSnapshotName(config.indexDir)!);
const emptyCorpus = () => {
  rmSync(config.corpusDir, { recursive: true });
  mkdirSync(config.corpusDir);
};

describe('a corpus that shrank is not published', () => {
  it('an empty (unmounted) corpus folder: refused with the reason, the live index stays and still answers', async () => {
    const before = (await refresh()).snapshot;
    emptyCorpus();
    const err = await refresh().catch((e) => e);
    expect(err).toBeInstanceOf(CorpusShrankError);
    expect(err.message).toMatch(/4 documents.*0 documents/);
    expect(err.message).toMatch(/empty, or not mounted/);
    expect(err.hint).toMatch(/--allow-shrink/);
    expect(currentSnapshotName(config.indexDir)).toBe(before);
    expect((await App.open(config).ask('秸秆禁烧有什么要求')).found).toBe(true);
    const log = captureLog();
    try {
      expect(handleError(err)).toBe(65);
    } finally {
      log.restore();
    }
  });

  it('a folder of files that cannot be read: refused, naming them', async () => {
    await refresh();
    emptyCorpus();
    writeFiles(config.corpusDir, { 'x.pdf': 'not a pdf', 'y.docx': 'not a docx' });
    await expect(refresh()).rejects.toThrow(/2 file\(s\) could not be read: x\.pdf .*y\.docx/);
  });

  it('losing more than half is refused; --allow-shrink publishes it; losing half is fine', async () => {
    await refresh();
    for (const i of [1, 2, 3]) rmSync(join(config.corpusDir, `${i}.md`));
    await expect(refresh()).rejects.toThrow(CorpusShrankError);
    const allowed = await refresh({ allowShrink: true });
    expect(allowed.docs).toBe(1);
    writeFiles(config.corpusDir, { '1.md': doc(TOPICS[1]) });
    await refresh();
    rmSync(join(config.corpusDir, '1.md'));
    expect((await refresh()).docs).toBe(1); // 2 -> 1: half, allowed by the default 0.5
  });

  it('a full ingest is held to the same rule', async () => {
    await refresh();
    emptyCorpus();
    await expect(ingest(config, { corpusDir: config.corpusDir, indexDir: config.indexDir, mode: 'full' })).rejects.toThrow(CorpusShrankError);
  });

  it('a missing corpus folder is a clear configuration error', async () => {
    rmSync(config.corpusDir, { recursive: true });
    await expect(refresh()).rejects.toThrow(ConfigError);
    await expect(refresh()).rejects.toThrow(/corpus folder .* does not exist/);
  });
});

describe('a damaged live snapshot', () => {
  it('is recognised by its checksums and rebuilt by refresh, not "nothing changed"', async () => {
    const first = await refresh();
    writeFileSync(join(liveDir(), 'lexical.bin'), 'garbage');
    const second = await refresh();
    expect(second.upToDate).toBe(false);
    expect(second.fullReason).toMatch(/damaged: lexical\.bin does not match its checksum/);
    expect(second.snapshot).not.toBe(first.snapshot);
    expect((await App.open(config).ask('秸秆禁烧有什么要求')).found).toBe(true);
  });

  it('at start, the previous good snapshot is served with a clear message instead of stopping', async () => {
    const first = await refresh();
    writeFiles(config.corpusDir, { '9.md': doc('森林防火') });
    await refresh();
    rmSync(join(liveDir(), 'vectors.q8'));
    const log = captureLog();
    try {
      const app = App.open(config);
      expect(app.status().snapshot).toBe(first.snapshot);
      expect((await app.ask('秸秆禁烧有什么要求')).found).toBe(true);
      expect(log.lines.join('')).toMatch(/damaged.*vectors\.q8 is missing.*serving the previous good snapshot/);
      // The live-reload watcher must not swap the damaged one in: it reports the failure and keeps serving.
      expect(() => app.reload()).toThrow(SnapshotDamagedError);
      expect(app.status().snapshot).toBe(first.snapshot);
    } finally {
      log.restore();
    }
  });

  it('with no good snapshot to fall back on, start still fails with the damage named', async () => {
    await refresh();
    writeFileSync(join(liveDir(), 'chunks.jsonl'), '{}\n');
    expect(() => App.open(config)).toThrow(SnapshotDamagedError);
  });
});

describe('symbolic links in the corpus', () => {
  it('are followed to files and folders; loops and broken links are listed as skipped', async () => {
    const shared = join(root, 'shared');
    writeFiles(shared, { 'a.md': doc('森林防火'), 'sub/b.md': doc('城乡居民医保') });
    symlinkSync(join(shared, 'a.md'), join(config.corpusDir, 'linked.md'));
    symlinkSync(shared, join(config.corpusDir, 'shared'));
    symlinkSync(config.corpusDir, join(shared, 'sub', 'back')); // corpus/shared/sub/back -> corpus: a loop
    symlinkSync(join(root, 'nothing.md'), join(config.corpusDir, 'broken.md'));
    const r = await refresh();
    expect(r.plan.added).toEqual(expect.arrayContaining(['linked.md', 'shared/a.md', 'shared/sub/b.md']));
    expect(r.skipped.map((s) => [s.path, s.reason])).toEqual([
      ['broken.md', expect.stringMatching(/broken link/)],
      ['shared/sub/back', expect.stringMatching(/loop/)],
    ]);
  });
});

describe('a build that fails', () => {
  it('leaves neither a snapshot nor its temporary directory (where the flat index was being written), and the live one stays', async () => {
    const before = (await refresh()).snapshot;
    writeFiles(config.corpusDir, { 'new.md': doc('村级公益事业') });
    const err = await refresh({
      onProgress: (p) => {
        if (p.stage === 'embed' && p.done > 0) throw new Error('stopped while embedding');
      },
    }).catch((e) => e);
    expect(err.message).toBe('stopped while embedding');
    expect(readdirSync(snapshotsDir(config.indexDir))).toEqual([before]);
    expect(currentSnapshotName(config.indexDir)).toBe(before);
    expect((await refresh()).plan.added).toEqual(['new.md']);
  });
});
