import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { App } from '../../src/app/app.ts';
import { ingest } from '../../src/app/ingest.ts';
import type { Config } from '../../src/config.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { hintOf, SnapshotMismatchError, SnapshotMissingError } from '../../src/errors.ts';
import { buildIndex } from '../../src/index/build.ts';
import { createEmbeddingProvider } from '../../src/index/embeddings/create.ts';
import {
  currentSnapshotName,
  loadSnapshot,
  newManifest,
  newSnapshotName,
  SNAPSHOT_FORMAT,
  snapshotsDir,
  type WriteStep,
  writeSnapshot,
} from '../../src/index/snapshot.ts';
import { SHIPPED_CORPUS, type ShippedIndex, shippedIndex, tempDir, testConfig } from '../helpers/shipped-index.ts';

/** A complete snapshot's data under a new name: what the next ingest would write. */
/** The error `fn` throws (the test fails if it throws none). */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error');
}

function freshSnapshotData(config: Config) {
  const snap = loadSnapshot(config.indexDir, createEmbeddingProvider(config.embeddings).info);
  return { ...snap, manifest: { ...snap.manifest, name: newSnapshotName() } };
}

describe('snapshots', () => {
  let index: ShippedIndex;
  let config: Config;
  let live: string;
  beforeAll(async () => {
    index = await shippedIndex();
    config = index.config;
    live = currentSnapshotName(config.indexDir)!;
  });
  afterAll(() => index.cleanup());

  it.each<WriteStep>(['files', 'vectors', 'rename', 'pointer'])('a crash at step "%s" of a new write leaves the live snapshot serving', async (step) => {
    const data = await freshSnapshotData(config);
    expect(() =>
      writeSnapshot(config.indexDir, data, {
        beforeStep: (s) => {
          if (s === step) throw new Error(`simulated crash at ${s}`);
        },
      }),
    ).toThrow(/simulated crash/);
    expect(currentSnapshotName(config.indexDir)).toBe(live);
    expect(readdirSync(snapshotsDir(config.indexDir)).filter((e) => e.startsWith('.tmp-'))).toEqual([]);
    const answer = await App.open(config).ask('什么是三治融合?');
    expect(answer.found).toBe(true);
    expect(answer.citations[0].text).toContain('自治、法治、德治');
  });

  it('switches CURRENT only when the new snapshot is complete, and prunes old ones', async () => {
    const names: string[] = [];
    for (let i = 0; i < 3; i++) names.push(writeSnapshot(config.indexDir, await freshSnapshotData(config), { keep: 2 }));
    expect(currentSnapshotName(config.indexDir)).toBe(names[2]);
    const kept = readdirSync(snapshotsDir(config.indexDir)).filter((e) => !e.startsWith('.'));
    expect(kept.sort()).toEqual([names[1], names[2]].sort());
    expect(existsSync(join(snapshotsDir(config.indexDir), names[2], 'manifest.json'))).toBe(true);
  });

  it('refuses a snapshot built with another embedding dimension, asking to re-ingest', () => {
    const other = { ...config, embeddings: { ...config.embeddings, dim: 256 } };
    expect(() => App.open(other)).toThrow(SnapshotMismatchError);
    expect(() => App.open(other)).toThrow(/dim 1024.*dim 256/s);
    expect(hintOf(thrown(() => App.open(other)))).toMatch(/npm run ingest/);
  });

  it('refuses a snapshot of another format version', () => {
    const dir = join(snapshotsDir(config.indexDir), currentSnapshotName(config.indexDir)!);
    const manifestPath = join(dir, 'manifest.json');
    const original = readFileSync(manifestPath, 'utf8');
    try {
      writeFileSync(manifestPath, original.replace(`"format": ${SNAPSHOT_FORMAT}`, '"format": 999'));
      expect(() => loadSnapshot(config.indexDir, createEmbeddingProvider(config.embeddings).info)).toThrow(/another version/);
    } finally {
      writeFileSync(manifestPath, original);
    }
  });

  it('reports a damaged snapshot clearly', () => {
    const dir = join(snapshotsDir(config.indexDir), currentSnapshotName(config.indexDir)!);
    const lexical = join(dir, 'lexical.bin');
    const original = readFileSync(lexical);
    try {
      writeFileSync(lexical, 'garbage');
      // Strictly loaded, the live snapshot is refused with the damage named (App.open then serves an earlier
      // good snapshot if there is one: test/app/ingest/safety.test.ts).
      const info = createEmbeddingProvider(config.embeddings).info;
      expect(() => loadSnapshot(config.indexDir, info)).toThrow(/damaged: lexical\.bin does not match its checksum/);
      expect(hintOf(thrown(() => loadSnapshot(config.indexDir, info)))).toMatch(/npm run refresh/);
    } finally {
      writeFileSync(lexical, original);
    }
  });

  it('says how to build the index when there is none', () => {
    const empty = tempDir('wz-empty-');
    try {
      const c = testConfig(empty.dir);
      expect(() => App.open(c)).toThrow(SnapshotMissingError);
      expect(hintOf(thrown(() => App.open(c)))).toMatch(/npm run ingest/);
    } finally {
      empty.cleanup();
    }
  });
});

describe('vector files', () => {
  let index: ShippedIndex;
  beforeAll(async () => {
    index = await shippedIndex();
  });
  afterAll(() => index.cleanup());
  const filesOf = (config: Config) => readdirSync(join(snapshotsDir(config.indexDir), currentSnapshotName(config.indexDir)!));

  it('stores the hash embedding once, as the exact flat index, without an HNSW graph', () => {
    const files = filesOf(index.config);
    expect(files).toContain('vectors.q8');
    expect(files).not.toContain('vectors.hnsw');
    expect(files).not.toContain('vectors.f32');
  });

  it('still serves a format-1 snapshot of the hash embedding (raw vectors and a graph), and refreshes it into the flat one', async () => {
    const { dir, cleanup } = tempDir('wz-format1-');
    try {
      cpSync(SHIPPED_CORPUS, join(dir, 'corpus'), { recursive: true });
      const config = testConfig(dir, { CORPUS_DIR: join(dir, 'corpus') });
      const provider = { ...createEmbeddingProvider(config.embeddings), flatSearch: false };
      const { docs } = await loadCorpus(config.corpusDir);
      const built = await buildIndex(docs, config, provider);
      const manifest = newManifest({
        corpusDir: config.corpusDir,
        embedding: provider.info,
        chunking: config.chunk,
        docs: built.docs,
        chunks: built.data.chunks.length,
        chars: 0,
      });
      writeSnapshot(config.indexDir, { ...built.data, manifest: { ...manifest, format: 1 } });
      expect(filesOf(config)).toEqual(expect.arrayContaining(['vectors.f32', 'vectors.hnsw']));
      const before = await App.open(config).ask('什么是三治融合?');
      expect(before.citations[0].text).toContain('自治、法治、德治');

      writeFileSync(join(dir, 'corpus', 'extra.md'), '# 关于秸秆禁烧的通知\n\n各村要做好秸秆禁烧工作。');
      await ingest(config, { corpusDir: config.corpusDir, indexDir: config.indexDir, mode: 'incremental' });
      expect(filesOf(config)).toContain('vectors.q8');
      expect(filesOf(config)).not.toContain('vectors.hnsw');
      const after = await App.open(config).ask('什么是三治融合?');
      expect(after.citations[0].text).toBe(before.citations[0].text);
    } finally {
      cleanup();
    }
  });
});
