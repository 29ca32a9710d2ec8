import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../../src/app/app.ts';
import { type IngestOptions, ingest } from '../../../src/app/ingest.ts';
import type { Config } from '../../../src/config.ts';
import { currentSnapshotName } from '../../../src/index/snapshot.ts';
import { makeDocx, makePdf, policyText } from '../../corpus/loaders/fixtures.ts';
import { corpusConfig, countEmbedded, tempRoot, writeFiles } from '../../helpers/refresh.ts';

const TOPICS = ['秸秆禁烧', '农村饮水安全', '高标准农田', '乡村道路养护', '义务教育控辍保学', '城乡居民医保', '森林防火'];

let root: string;
let config: Config;
let cleanup: () => void;
let counter: ReturnType<typeof countEmbedded>;

beforeEach(async () => {
  ({ root, cleanup } = tempRoot());
  config = corpusConfig(root);
  const files: Record<string, string | Buffer> = {};
  TOPICS.slice(0, 4).forEach((t, i) => {
    files[`docs/${i}-${t}.md`] = `# 关于${t}工作的通知\n\n${policyText(t)}`;
  });
  files['web/notice.html'] =
    `<html><head><title>关于${TOPICS[4]}的通知</title></head><body><p>${policyText(TOPICS[4]).replace(/\n\n/g, '</p><p>')}</p></body></html>`;
  files['collection.jsonl'] = [TOPICS[5], TOPICS[6]].map((t) => JSON.stringify({ title: `${t}实施办法`, content: policyText(t) })).join('\n');
  files['word.docx'] = await makeDocx('关于春耕备耕的通知', [{ heading: '一、要求', paragraphs: [policyText('春耕备耕')] }]);
  files['english.pdf'] = await makePdf([['Seed subsidies are paid to every registered farming household before planting.']]);
  writeFiles(join(root, 'corpus'), files);
  counter = countEmbedded();
});
afterEach(() => {
  counter.restore();
  cleanup();
});

const refresh = (extra: Partial<IngestOptions> = {}) =>
  ingest(config, { corpusDir: config.corpusDir, indexDir: config.indexDir, mode: 'incremental', ...extra });
const snapshots = () => readdirSync(join(config.indexDir, 'snapshots')).filter((d) => !d.startsWith('.'));
const chunksOf = (id: string) => {
  const m = JSON.parse(readFileSync(join(config.indexDir, 'snapshots', currentSnapshotName(config.indexDir)!, 'manifest.json'), 'utf8'));
  return m.docs.find((d: { id: string }) => d.id === id).count as number;
};

describe('refresh', () => {
  it('builds the index when there is none, then re-embeds nothing when nothing changed', async () => {
    const first = await refresh();
    expect(first.plan.added).toHaveLength(9);
    expect(first.embedded).toBe(first.chunks);
    expect(counter.count()).toBe(first.chunks);

    const before = counter.count();
    const second = await refresh();
    expect(second.upToDate).toBe(true);
    expect(second.plan.unchanged).toHaveLength(9);
    expect(second.embedded).toBe(0);
    expect(counter.count()).toBe(before);
    expect(second.snapshot).toBe(first.snapshot);
    expect(snapshots()).toEqual([first.snapshot]);
  });

  it('re-embeds exactly the chunks of the one document that changed', async () => {
    await refresh();
    const before = counter.count();
    const path = join(config.corpusDir, 'docs/1-农村饮水安全.md');
    writeFileSync(path, readFileSync(path, 'utf8') + '\n\n新增：对饮水工程管护员每月发放补助八百元。');
    const r = await refresh();
    expect(r.plan.changed).toEqual(['docs/1-农村饮水安全.md']);
    expect(r.plan.unchanged).toHaveLength(8);
    expect(r.embedded).toBe(chunksOf('docs/1-农村饮水安全.md'));
    expect(counter.count() - before).toBe(r.embedded);
    const app = App.open(config);
    const hit = (await app.search('饮水工程管护员补助')).hits[0];
    expect(hit.doc.id).toBe('docs/1-农村饮水安全.md');
    expect(hit.chunk.text).toContain('八百元');
  });

  it('re-embeds only the record that changed inside a JSONL collection, and only the one inserted at the top', async () => {
    await refresh();
    const file = join(config.corpusDir, 'collection.jsonl');
    const lines = readFileSync(file, 'utf8').split('\n');
    const edited = JSON.parse(lines[1]);
    edited.content += '\n补充规定：林区禁止野外用火。';
    const inserted = JSON.stringify({ title: '人居环境整治方案', content: policyText('人居环境整治') });
    writeFileSync(file, [inserted, lines[0], JSON.stringify(edited)].join('\n'));
    const before = counter.count();
    const r = await refresh();
    expect(r.plan.added).toEqual(['collection.jsonl#人居环境整治方案']);
    expect(r.plan.changed).toEqual(['collection.jsonl#森林防火实施办法']);
    expect(counter.count() - before).toBe(chunksOf('collection.jsonl#人居环境整治方案') + chunksOf('collection.jsonl#森林防火实施办法'));
  });

  it('drops a deleted document, and a renamed one costs no embedding', async () => {
    await refresh();
    rmSync(join(config.corpusDir, 'docs/3-乡村道路养护.md'));
    renameSync(join(config.corpusDir, 'docs/0-秸秆禁烧.md'), join(config.corpusDir, 'docs/archive-秸秆禁烧.md'));
    const before = counter.count();
    const r = await refresh();
    expect(r.plan.removed.sort()).toEqual(['docs/0-秸秆禁烧.md', 'docs/3-乡村道路养护.md']);
    expect(r.plan.added).toEqual(['docs/archive-秸秆禁烧.md']);
    expect(r.embedded).toBe(0);
    expect(counter.count()).toBe(before);
    const app = App.open(config);
    expect(app.status().docs).toBe(8);
    const hits = (await app.search('乡村道路养护工作纳入年度考核')).hits;
    expect(hits.some((h) => h.doc.id === 'docs/3-乡村道路养护.md')).toBe(false);
    expect((await app.search('秸秆禁烧工作纳入年度考核')).hits[0].doc.id).toBe('docs/archive-秸秆禁烧.md');
  });

  it('keeps the indexed version of a file that became unreadable, and says so', async () => {
    await refresh();
    writeFileSync(join(config.corpusDir, 'english.pdf'), '%PDF-1.4 truncated download');
    const r = await refresh();
    expect(r.skipped).toEqual([{ path: 'english.pdf', reason: expect.stringMatching(/not a readable PDF/) }]);
    expect(r.plan.kept).toEqual(['english.pdf']);
    expect(r.plan.removed).toEqual([]);
    expect(r.embedded).toBe(0);
    expect((await App.open(config).search('seed subsidies farming household')).hits[0].doc.id).toBe('english.pdf');
  });

  it('--dry-run prints the plan and an estimate, and writes nothing', async () => {
    const first = await refresh();
    writeFileSync(join(config.corpusDir, 'docs/new.md'), `# 新政策\n\n${policyText('农机购置补贴', 5)}`);
    const dry = await refresh({ dryRun: true });
    expect(dry.plan.added).toEqual(['docs/new.md']);
    expect(dry.snapshot).toBeUndefined();
    expect(currentSnapshotName(config.indexDir)).toBe(first.snapshot);
    expect(snapshots()).toEqual([first.snapshot]);
    const real = await refresh();
    expect(real.embedded).toBe(dry.embedded);
  });

  it('`ingest` (full) re-embeds and refits everything; other chunking makes a refresh do the same', async () => {
    const first = await refresh();
    const full = await ingest(config, { corpusDir: config.corpusDir, indexDir: config.indexDir, mode: 'full' });
    expect(full.embedded).toBe(first.chunks);
    config = corpusConfig(root, { CHUNK_SIZE: '120', CHUNK_OVERLAP: '20' });
    const rechunked = await refresh();
    expect(rechunked.fullReason).toMatch(/CHUNK_SIZE=300/);
    expect(rechunked.embedded).toBe(rechunked.chunks);
  });

  it('builds everything again when the live snapshot was cut with other lexicon terms (or before they were recorded)', async () => {
    await refresh();
    const file = join(config.indexDir, 'snapshots', currentSnapshotName(config.indexDir)!, 'manifest.json');
    const manifest = JSON.parse(readFileSync(file, 'utf8'));
    expect(manifest.chunking.terms).toMatch(/^[0-9a-f]{16}$/);
    delete manifest.chunking.terms;
    writeFileSync(file, JSON.stringify(manifest));
    const again = await refresh();
    expect(again.fullReason).toMatch(/terms for jieba changed/);
    expect(again.embedded).toBe(again.chunks);
    expect((await refresh()).upToDate).toBe(true);
  });
});
