// The on-disk index: immutable snapshot directories and a CURRENT pointer. A snapshot is written into a
// temporary directory, fsynced, renamed into place, and only then made live by atomically replacing CURRENT;
// a crash at any point leaves the previous live snapshot untouched.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SnapshotMismatchError, SnapshotMissingError } from '../errors.ts';
import type { Chunk, DocInfo } from '../types.ts';
import { fsyncPath, replaceFileAtomic, writeFileDurable } from './fsutil.ts';
import { Bm25Index } from './lexical.ts';
import { VectorIndex } from './vector.ts';

/** Bump when the layout or the meaning of any stored file changes: older snapshots are then refused. */
export const SNAPSHOT_FORMAT = 1;

export interface EmbeddingInfo {
  provider: string;
  model: string;
  dim: number;
}

export interface ManifestDoc extends DocInfo {
  /** This document's chunks are `chunks[first .. first + count)`. */
  first: number;
  count: number;
  /** Its quoted policy terms, in order of first appearance (for suggestions and example questions). */
  terms: string[];
}

export interface Manifest {
  format: number;
  app: 'wenzheng';
  name: string;
  createdAt: string;
  corpusDir: string;
  embedding: EmbeddingInfo;
  chunking: { size: number; overlap: number };
  docs: ManifestDoc[];
  counts: { docs: number; chunks: number; chars: number };
  skipped: { path: string; reason: string }[];
}

export interface SnapshotData {
  manifest: Manifest;
  chunks: Chunk[];
  /** Policy terms added to the tokenizer dictionary. */
  terms: string[];
  lexical: Bm25Index;
  /** Row i is chunk i's vector. */
  vectors: Float32Array;
  vectorIndex: VectorIndex;
  /** Provider-specific state (the hash provider's frozen IDF table). */
  embeddingState?: Buffer;
}

export interface LoadedSnapshot extends SnapshotData {
  dir: string;
}

const FILES = {
  manifest: 'manifest.json',
  chunks: 'chunks.jsonl',
  terms: 'terms.txt',
  lexical: 'lexical.bin',
  vectors: 'vectors.f32',
  hnsw: 'vectors.hnsw',
  embedding: 'embedding.bin',
};

export const snapshotsDir = (indexDir: string) => join(indexDir, 'snapshots');
export const currentPointer = (indexDir: string) => join(indexDir, 'CURRENT');

let nameCounter = 0;

/** Names sort in creation order (millisecond stamp, then a per-process counter): pruning relies on it. */
export function newSnapshotName(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('.', '');
  return `${stamp}-${String(nameCounter++ % 1000).padStart(3, '0')}-${process.pid}`;
}

/** The live snapshot's name, or undefined when no index has been built. */
export function currentSnapshotName(indexDir: string): string | undefined {
  const p = currentPointer(indexDir);
  if (!existsSync(p)) return undefined;
  const name = readFileSync(p, 'utf8').trim();
  return name || undefined;
}

/** Test hook: called before each step of a write; throwing simulates a crash at that point. */
export type WriteStep = 'files' | 'hnsw' | 'rename' | 'pointer';

export function writeSnapshot(
  indexDir: string,
  data: SnapshotData,
  opts: { keep?: number; beforeStep?: (step: WriteStep) => void } = {},
): string {
  const root = snapshotsDir(indexDir);
  mkdirSync(root, { recursive: true });
  const name = data.manifest.name;
  const tmp = join(root, `.tmp-${name}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp);
  try {
    opts.beforeStep?.('files');
    writeFileDurable(join(tmp, FILES.chunks), data.chunks.map((c) => JSON.stringify(c)).join('\n') + '\n');
    writeFileDurable(join(tmp, FILES.terms), data.terms.join('\n') + '\n');
    writeFileDurable(join(tmp, FILES.lexical), data.lexical.serialize());
    writeFileDurable(join(tmp, FILES.vectors), new Uint8Array(data.vectors.buffer, data.vectors.byteOffset, data.vectors.byteLength));
    if (data.embeddingState) writeFileDurable(join(tmp, FILES.embedding), data.embeddingState);
    opts.beforeStep?.('hnsw');
    data.vectorIndex.save(join(tmp, FILES.hnsw));
    fsyncPath(join(tmp, FILES.hnsw));
    // The manifest goes last: a directory without one is never a snapshot.
    writeFileDurable(join(tmp, FILES.manifest), JSON.stringify(data.manifest, null, 1));
    fsyncPath(tmp);
    opts.beforeStep?.('rename');
    renameSync(tmp, join(root, name));
    fsyncPath(root);
    opts.beforeStep?.('pointer');
    replaceFileAtomic(currentPointer(indexDir), name + '\n');
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  pruneSnapshots(indexDir, opts.keep ?? 3);
  return name;
}

/** Remove leftovers of interrupted writes and all but the newest `keep` snapshots (never the live one). */
export function pruneSnapshots(indexDir: string, keep: number): void {
  const root = snapshotsDir(indexDir);
  if (!existsSync(root)) return;
  const live = currentSnapshotName(indexDir);
  const entries = readdirSync(root).sort();
  // Temp dirs of other (dead: the index lock is held) writers are leftovers of interrupted writes.
  for (const e of entries) if (e.startsWith('.tmp-') && !e.endsWith(`-${process.pid}`)) rmSync(join(root, e), { recursive: true, force: true });
  const done = entries.filter((e) => !e.startsWith('.') && e !== live);
  const excess = done.length - Math.max(0, keep - 1);
  for (const e of done.slice(0, Math.max(0, excess))) rmSync(join(root, e), { recursive: true, force: true });
}

export function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, FILES.manifest), 'utf8')) as Manifest;
}

/** Load the live snapshot, refusing one written by another format, provider, model or dimension. */
export function loadSnapshot(indexDir: string, expected: EmbeddingInfo): LoadedSnapshot {
  const name = currentSnapshotName(indexDir);
  if (!name) throw new SnapshotMissingError(`no index at ${indexDir}: run \`npm run ingest\` to build it`);
  const dir = join(snapshotsDir(indexDir), name);
  let manifest: Manifest;
  try {
    manifest = readManifest(dir);
  } catch (cause) {
    throw new SnapshotMismatchError(`the live snapshot ${dir} has no readable manifest: run \`npm run ingest\``, { cause });
  }
  checkCompatible(manifest, expected, dir);
  try {
    const chunks = readFileSync(join(dir, FILES.chunks), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Chunk);
    const terms = readFileSync(join(dir, FILES.terms), 'utf8').split('\n').filter(Boolean);
    const lexical = Bm25Index.deserialize(readFileSync(join(dir, FILES.lexical)));
    const raw = readFileSync(join(dir, FILES.vectors));
    const vectors = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
    const vectorIndex = VectorIndex.load(join(dir, FILES.hnsw), manifest.embedding.dim, chunks.length);
    const embPath = join(dir, FILES.embedding);
    const embeddingState = existsSync(embPath) ? readFileSync(embPath) : undefined;
    if (chunks.length !== manifest.counts.chunks || lexical.size !== chunks.length) {
      throw new Error(`chunk counts disagree (manifest ${manifest.counts.chunks}, chunks ${chunks.length}, lexical ${lexical.size})`);
    }
    return { dir, manifest, chunks, terms, lexical, vectors, vectorIndex, embeddingState };
  } catch (cause) {
    throw new SnapshotMismatchError(`the live snapshot ${dir} is damaged: run \`npm run ingest\` to rebuild it`, { cause });
  }
}

export function checkCompatible(manifest: Manifest, expected: EmbeddingInfo, where: string): void {
  if (manifest.app !== 'wenzheng' || manifest.format !== SNAPSHOT_FORMAT) {
    throw new SnapshotMismatchError(
      `the index at ${where} was written by another version (format ${manifest.format}, this build reads ${SNAPSHOT_FORMAT}): run \`npm run ingest\` to rebuild it`,
    );
  }
  const e = manifest.embedding;
  // expected.dim 0: a model's dimension is only known by asking it; the snapshot's is taken (and every query
  // vector is checked against it).
  if (e.provider !== expected.provider || e.model !== expected.model || (expected.dim > 0 && e.dim !== expected.dim)) {
    throw new SnapshotMismatchError(
      `the index was built with embeddings ${e.provider}/${e.model} (dim ${e.dim}) but the configuration asks for ` +
        `${expected.provider}/${expected.model}${expected.dim ? ` (dim ${expected.dim})` : ''}: run \`npm run ingest\` to re-embed the corpus with the configured provider`,
    );
  }
}
