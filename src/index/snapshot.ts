// The on-disk index: immutable snapshot directories and a CURRENT pointer. A snapshot is written into a
// temporary directory, fsynced, renamed into place, and only then made live by atomically replacing CURRENT;
// a crash at any point leaves the previous live snapshot untouched.
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FileStamp } from '../corpus/load.ts';
import { SnapshotDamagedError, SnapshotMismatchError, SnapshotMissingError } from '../errors.ts';
import type { Chunk, DocInfo } from '../types.ts';
import { checksumFiles, checksumProblems } from './checksum.ts';
import type { EmbeddingInfo } from './embeddings/types.ts';
import { FlatFile, FlatIndex } from './flat.ts';
import { fsyncPath, replaceFileAtomic, writeFileDurable, writePartsDurable } from './fsutil.ts';
import { currentPointer, currentSnapshotName, newSnapshotName, snapshotsDir } from './layout.ts';
import { Bm25Index } from './lexical.ts';
import { pruneSnapshots } from './prune.ts';
import { VectorIndex, type VectorSearch } from './vector.ts';

// Where snapshots live and how they are pruned have their own modules; re-exported for existing importers.
export { currentPointer, currentSnapshotName, newSnapshotName, snapshotNames, snapshotsDir } from './layout.ts';
export { pruneSnapshots } from './prune.ts';

/** Bump when the layout or the meaning of any stored file changes; a build that cannot read a format refuses it. */
export const SNAPSHOT_FORMAT = 2;
/**
 * Formats this build still reads. 1: the vectors as float32 (vectors.f32) beside an HNSW graph, whatever the
 * embedding; 2 adds the hash embedding's exact flat index (vectors.q8) in their place. A format-1 snapshot of the
 * hash embedding is served from its graph as before, and its next refresh writes format 2.
 */
const READABLE_FORMATS = [1, 2];

const REBUILD = 'run `npm run ingest` to rebuild it';

export interface ManifestDoc extends DocInfo {
  /** This document's chunks are `chunks[first .. first + count)`. */
  first: number;
  count: number;
  /** Its quoted policy terms, in order of first appearance (for suggestions and example questions). */
  terms: string[];
  /** Size and modification time of its file when it was read, and its text's length: a refresh that finds them
   * unchanged reuses this entry without reading the file. Absent in older snapshots and for a file too recently
   * written to trust (corpus/load.ts stampOf), or kept while unreadable: such a file is read again. */
  source?: FileStamp;
  chars?: number;
}

export interface Manifest {
  format: number;
  app: 'wenzheng';
  name: string;
  createdAt: string;
  corpusDir: string;
  embedding: EmbeddingInfo;
  /**
   * How documents became indexed text: chunk size and overlap, the fingerprint of the situation words it added and
   * of the lexicon's terms in jieba's dictionary (absent in older snapshots).
   */
  chunking: { size: number; overlap: number; situations?: string; terms?: string };
  docs: ManifestDoc[];
  counts: { docs: number; chunks: number; chars: number };
  skipped: { path: string; reason: string; part?: string }[];
  /** Checksum of each file of the snapshot: CRC-32, or sha256 in older snapshots (see checksum.ts; absent in the oldest). */
  files?: Record<string, string>;
  /** Fingerprint of the planted-instruction rules its documents were checked with (guard/planted.ts). */
  plantedRules?: string;
  /** Version of the loaders that read its documents (corpus/loaders LOADERS_VERSION): another means every file is read. */
  loaders?: string;
}

/** A manifest for a snapshot about to be written: the fixed fields and the counts come from here. */
export function newManifest(m: {
  name?: string;
  corpusDir: string;
  embedding: EmbeddingInfo;
  chunking: Manifest['chunking'];
  docs: ManifestDoc[];
  chunks: number;
  chars: number;
  skipped?: Manifest['skipped'];
  plantedRules?: string;
  loaders?: string;
}): Manifest {
  return {
    format: SNAPSHOT_FORMAT,
    app: 'wenzheng',
    name: m.name ?? newSnapshotName(),
    createdAt: new Date().toISOString(),
    corpusDir: m.corpusDir,
    embedding: m.embedding,
    chunking: { ...m.chunking },
    docs: m.docs,
    counts: { docs: m.docs.length, chunks: m.chunks, chars: m.chars },
    skipped: m.skipped ?? [],
    ...(m.plantedRules ? { plantedRules: m.plantedRules } : {}),
    ...(m.loaders ? { loaders: m.loaders } : {}),
  };
}

export interface SnapshotData {
  manifest: Manifest;
  chunks: Chunk[];
  /** Policy terms added to the tokenizer dictionary. */
  terms: string[];
  lexical: Bm25Index;
  /** Row i is chunk i's vector (an HNSW snapshot stores them as vectors.f32; a refresh reuses them). */
  vectors: Float32Array;
  vectorIndex: VectorSearch;
  /** Provider-specific state (the hash provider's frozen IDF table). */
  embeddingState?: Buffer;
}

/** A snapshot loaded for search leaves the raw vectors out: its vector index holds, or reads, what search needs. */
export interface LoadedSnapshot extends Omit<SnapshotData, 'vectors'> {
  dir: string;
}

const FILES = {
  manifest: 'manifest.json',
  chunks: 'chunks.jsonl',
  terms: 'terms.txt',
  lexical: 'lexical.bin',
  vectors: 'vectors.f32',
  hnsw: 'vectors.hnsw',
  /** The exact flat index of the hash embedding (flat.ts), instead of vectors.f32 and vectors.hnsw. */
  flat: 'vectors.q8',
  /** Graph label -> chunk row, only for a graph patched by a refresh (Int32, -1 for deleted points). */
  labels: 'vectors.labels',
  embedding: 'embedding.bin',
};

/** Called before each step of a write; throwing aborts the write there, leaving the live snapshot as it was
 * (tests simulate crashes with it; ingest checks it still holds the index lock before 'pointer'). */
export type WriteStep = 'files' | 'vectors' | 'rename' | 'pointer';

/** An index as it is written: its stored bytes, in pieces (each written before the next is asked for). */
export interface StoredParts {
  serializedParts(): Iterable<Uint8Array>;
}

/**
 * What is written: a build's data, or a loaded snapshot's again (its raw vectors are only needed for HNSW). The
 * lexical index only in its stored form: ingest writes it from its builder (build.ts buildForSnapshot).
 */
export type WritableSnapshot = Omit<SnapshotData, 'vectors' | 'lexical' | 'vectorIndex'> & {
  vectors?: Float32Array;
  lexical: StoredParts;
  /** A flat index already in the snapshot's directory (FlatFile: built there, see openSnapshotDir) is kept as it is. */
  vectorIndex: VectorSearch | FlatFile;
};

/**
 * The temporary directory of the snapshot `name`, made empty now, for a build that writes some of its files
 * there as it goes (the flat index: `flatFile`); `writeSnapshot(…, { opened: true })` then adds the rest. A build
 * that fails removes it (a killed one leaves it to pruneSnapshots, by the writer's pid in its name).
 */
export function openSnapshotDir(indexDir: string, name: string): { dir: string; flatFile: string } {
  const root = snapshotsDir(indexDir);
  mkdirSync(root, { recursive: true });
  const dir = join(root, `.tmp-${name}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  return { dir, flatFile: join(dir, FILES.flat) };
}

export function writeSnapshot(
  indexDir: string,
  data: WritableSnapshot,
  opts: { keep?: number; beforeStep?: (step: WriteStep) => void; opened?: boolean } = {},
): string {
  const root = snapshotsDir(indexDir);
  const name = data.manifest.name;
  // Opened by openSnapshotDir, with files already in it; otherwise made now.
  const tmp = opts.opened ? join(root, `.tmp-${name}`) : openSnapshotDir(indexDir, name).dir;
  try {
    opts.beforeStep?.('files');
    writePartsDurable(join(tmp, FILES.chunks), jsonLines(data.chunks));
    writeFileDurable(join(tmp, FILES.terms), data.terms.join('\n') + '\n');
    writePartsDurable(join(tmp, FILES.lexical), data.lexical.serializedParts());
    if (data.embeddingState) writeFileDurable(join(tmp, FILES.embedding), data.embeddingState);
    writeVectors(tmp, data, opts.beforeStep);
    // The manifest goes last: a directory without one is never a snapshot.
    const files = checksumFiles(tmp, FILES.manifest);
    writeFileDurable(join(tmp, FILES.manifest), JSON.stringify({ ...data.manifest, files }, null, 1));
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
  pruneSnapshots(indexDir, opts.keep ?? 3, name);
  return name;
}

/**
 * One JSON line per item, in parts of about JSON_PART characters: the whole file as one string (and its UTF-8
 * copy) was the peak of an ingest's memory at 100x (13 MB of chunks.jsonl, twice or more in memory). Parts stay
 * below V8's large-object size (128 KB, 64k two-byte characters): a thousand lines a part (1.4 MB) were large
 * objects, which pile up until the next young-generation collection (+13 MB of RSS while chunks.jsonl was
 * written at 100x distinct).
 */
function* jsonLines(items: readonly unknown[]): Generator<string> {
  if (!items.length) yield '\n';
  let part: string[] = [];
  let size = 0;
  for (const item of items) {
    const line = JSON.stringify(item);
    part.push(line);
    size += line.length + 1;
    if (size >= JSON_PART) {
      yield `${part.join('\n')}\n`;
      part = [];
      size = 0;
    }
  }
  if (part.length) yield `${part.join('\n')}\n`;
}

/** Characters of a part of jsonLines, at least (a line is never cut): a part is then ~64 KB of two-byte text. */
const JSON_PART = 1 << 15;

/** The vector index's files: the flat index alone, or the raw vectors and the HNSW graph (and its labels). */
function writeVectors(tmp: string, data: WritableSnapshot, beforeStep?: (step: WriteStep) => void): void {
  const index = data.vectorIndex;
  beforeStep?.('vectors');
  if (index instanceof FlatFile) {
    // Written and made durable by its builder, where it belongs: nothing to copy.
    if (index.path !== join(tmp, FILES.flat)) throw new Error(`the flat index ${index.path} was written outside the snapshot ${tmp}`);
    return;
  }
  if (index instanceof FlatIndex) {
    writeFileDurable(join(tmp, FILES.flat), index.serialize());
    return;
  }
  if (!(index instanceof VectorIndex) || !data.vectors) throw new Error('an HNSW snapshot is written from a build, with its raw vectors');
  writeFileDurable(join(tmp, FILES.vectors), new Uint8Array(data.vectors.buffer, data.vectors.byteOffset, data.vectors.byteLength));
  index.save(join(tmp, FILES.hnsw));
  fsyncPath(join(tmp, FILES.hnsw));
  const labels = index.labels();
  if (labels) writeFileDurable(join(tmp, FILES.labels), new Uint8Array(labels.buffer, labels.byteOffset, labels.byteLength));
}

export function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, FILES.manifest), 'utf8')) as Manifest;
}

/** What a refresh reuses from the live snapshot: no search structures, only chunks, vectors and fitted state. */
export type ReusableSnapshot = Pick<SnapshotData, 'manifest' | 'chunks' | 'embeddingState'> & {
  /**
   * Live rows `from` .. `from + n` as float32 into `out` from row `at`: decoded from the flat index a run at a
   * time (never the whole matrix, 93 MB at 100x, when a refresh reuses most rows), or copied from vectors.f32.
   */
  copyRows(from: number, n: number, out: Float32Array, at: number): void;
  /** Load a private copy of the live vector graph, for a refresh to patch instead of rebuilding it (HNSW only). */
  graph?: () => VectorIndex;
};

/** Load the snapshot in `dir` (not necessarily the live one), checked like the live one. */
export function loadSnapshotAt(dir: string, expected: EmbeddingInfo): LoadedSnapshot {
  return readSnapshotDir(dir, expected, true) as LoadedSnapshot;
}

/** Load the live snapshot, refusing one written by another format, provider, model or dimension. */
export function loadSnapshot(indexDir: string, expected: EmbeddingInfo): LoadedSnapshot {
  return resolveLive(indexDir, (dir) => readSnapshotDir(dir, expected, true) as LoadedSnapshot);
}

/**
 * The live snapshot's manifest, chunks, vectors and embedding state (what a refresh reuses). The manifest is read
 * and every file checked against its checksum now; the rest is read on first use, so a refresh that finds nothing
 * changed reads no chunks and no vectors.
 */
export function loadReusable(indexDir: string, expected: EmbeddingInfo): ReusableSnapshot & { dir: string } {
  return resolveLive(indexDir, (dir) => {
    const manifest = verifiedManifest(dir, expected);
    let full: ReusableSnapshot | undefined;
    const read = () => (full ??= readSnapshotDir(dir, expected, false, manifest) as ReusableSnapshot);
    return {
      dir,
      manifest,
      get chunks() {
        return read().chunks;
      },
      copyRows: (from, n, out, at) => read().copyRows(from, n, out, at),
      get embeddingState() {
        return read().embeddingState;
      },
      get graph() {
        return read().graph;
      },
    };
  });
}

/**
 * Read the snapshot CURRENT names. If it fails and CURRENT has moved on meanwhile (the snapshot was pruned
 * while this reader was slow), read the new one: only a failure of the snapshot that is still live counts.
 */
function resolveLive<T>(indexDir: string, read: (dir: string) => T): T {
  for (let attempt = 0; ; attempt++) {
    const name = currentSnapshotName(indexDir);
    if (!name) throw new SnapshotMissingError(`no index at ${indexDir}`, { hint: 'run `npm run ingest` to build it' });
    try {
      return read(join(snapshotsDir(indexDir), name));
    } catch (err) {
      if (attempt >= 5 || currentSnapshotName(indexDir) === name) throw err;
    }
  }
}

/** The manifest of the snapshot in `dir`, refused when it is incompatible or any file fails its checksum. */
function verifiedManifest(dir: string, expected: EmbeddingInfo): Manifest {
  let manifest: Manifest;
  try {
    manifest = readManifest(dir);
  } catch (cause) {
    throw new SnapshotDamagedError(`the live snapshot ${dir} has no readable manifest`, { cause, hint: REBUILD });
  }
  checkCompatible(manifest, expected, dir);
  const problems = manifest.files ? checksumProblems(dir, manifest.files) : [];
  if (problems.length) {
    throw new SnapshotDamagedError(`the snapshot ${dir} is damaged: ${problems.join('; ')}`, {
      hint: 'run `npm run refresh` to rebuild it from the corpus',
    });
  }
  return manifest;
}

function readSnapshotDir(dir: string, expected: EmbeddingInfo, search: boolean, verified?: Manifest): LoadedSnapshot | (ReusableSnapshot & { dir: string }) {
  const manifest = verified ?? verifiedManifest(dir, expected);
  try {
    const chunks = readJsonLines<Chunk>(join(dir, FILES.chunks));
    const embPath = join(dir, FILES.embedding);
    const embeddingState = existsSync(embPath) ? readFileSync(embPath) : undefined;
    if (chunks.length !== manifest.counts.chunks) {
      throw new Error(`counts disagree (manifest ${manifest.counts.chunks} chunks, chunks.jsonl ${chunks.length})`);
    }
    const vectors = readVectors(dir, manifest.embedding.dim, chunks.length);
    if (!search) return { dir, manifest, chunks, copyRows: vectors.copyRows, embeddingState, graph: vectors.graph };
    const terms = readFileSync(join(dir, FILES.terms), 'utf8').split('\n').filter(Boolean);
    const lexical = Bm25Index.deserialize(readFileSync(join(dir, FILES.lexical)));
    const vectorIndex = vectors.index();
    if (lexical.size !== chunks.length) throw new Error(`the lexical index holds ${lexical.size} chunks, the snapshot ${chunks.length}`);
    return { dir, manifest, chunks, terms, lexical, vectorIndex, embeddingState };
  } catch (cause) {
    throw new SnapshotDamagedError(`the live snapshot ${dir} is damaged`, { cause, hint: REBUILD });
  }
}

/**
 * The non-empty lines of a JSON-lines file, parsed, read a megabyte at a time. The whole file as one string, its
 * bytes and its lines at once (~35 MB for 12 MB of chunks.jsonl at 100x) were the peak of loading a snapshot, and
 * of the bench's build, which loads the snapshot it just wrote while the build's garbage is still uncollected.
 */
export function readJsonLines<T>(path: string): T[] {
  const out: T[] = [];
  const fd = openSync(path, 'r');
  try {
    let buf = Buffer.allocUnsafe(1 << 20);
    let kept = 0; // bytes of a line not finished yet, at the start of buf
    for (;;) {
      if (kept === buf.length) buf = Buffer.concat([buf], 2 * buf.length); // a line longer than buf
      const end = kept + readSync(fd, buf, kept, buf.length - kept, null);
      let start = 0;
      // '\n' is never a byte of a multi-byte UTF-8 character: each line decodes as it did within the whole file.
      for (let nl = buf.indexOf(10, start); nl >= 0 && nl < end; nl = buf.indexOf(10, start)) {
        if (nl > start) out.push(JSON.parse(buf.toString('utf8', start, nl)) as T);
        start = nl + 1;
      }
      if (end === kept) {
        if (end > start) out.push(JSON.parse(buf.toString('utf8', start, end)) as T); // no final newline
        return out;
      }
      buf.copy(buf, 0, start, end);
      kept = end - start;
    }
  } finally {
    closeSync(fd);
  }
}

/** A snapshot's vector files, read only as far as the caller needs: rows for a refresh, or the index for search. */
function readVectors(dir: string, dim: number, count: number): Pick<ReusableSnapshot, 'copyRows' | 'graph'> & { index(): VectorSearch } {
  const flatPath = join(dir, FILES.flat);
  if (existsSync(flatPath)) {
    const flat = FlatIndex.deserialize(readFileSync(flatPath), dim, count);
    return { copyRows: (from, n, out, at) => flat.rowsInto(from, n, out, at), index: () => flat };
  }
  const rawPath = join(dir, FILES.vectors);
  // Search reads rows of vectors.f32 only for scoped questions (rows.ts): here only its size is checked.
  const floats = statSync(rawPath).size / 4;
  if (floats !== count * dim) throw new Error(`vectors.f32 holds ${floats} floats, ${count} chunks of ${dim} dimensions need ${count * dim}`);
  const labelsPath = join(dir, FILES.labels);
  const rawLabels = existsSync(labelsPath) ? readFileSync(labelsPath) : undefined;
  const labels = rawLabels && new Int32Array(rawLabels.buffer.slice(rawLabels.byteOffset, rawLabels.byteOffset + rawLabels.byteLength));
  const graph = () => VectorIndex.load(join(dir, FILES.hnsw), dim, count, undefined, labels, rawPath);
  let rows: Float32Array | undefined;
  const copyRows = (from: number, n: number, out: Float32Array, at: number) => {
    rows ??= readFloat32File(rawPath);
    out.set(rows.subarray(from * dim, (from + n) * dim), at * dim);
  };
  return { copyRows, index: graph, graph };
}

/** A file of float32 values read straight into one aligned array (reading a Buffer and copying it held both). */
function readFloat32File(path: string): Float32Array {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const out = new Float32Array(Math.floor(size / 4));
    const bytes = new Uint8Array(out.buffer);
    for (let at = 0; at < bytes.length; ) {
      const n = readSync(fd, bytes, at, bytes.length - at, at);
      if (n <= 0) throw new Error(`${path} ended after ${at} of ${bytes.length} bytes`);
      at += n;
    }
    return out;
  } finally {
    closeSync(fd);
  }
}

export function checkCompatible(manifest: Manifest, expected: EmbeddingInfo, where: string): void {
  if (manifest.app !== 'wenzheng' || !READABLE_FORMATS.includes(manifest.format)) {
    throw new SnapshotMismatchError(
      `the index at ${where} was written by another version (format ${manifest.format}, this build reads ${READABLE_FORMATS.join(' and ')})`,
      {
        hint: REBUILD,
      },
    );
  }
  const e = manifest.embedding;
  // expected.dim 0: a model's dimension is only known by asking it; the snapshot's is taken (and every query
  // vector is checked against it).
  if (e.provider !== expected.provider || e.model !== expected.model || (expected.dim > 0 && e.dim !== expected.dim)) {
    throw new SnapshotMismatchError(
      `the index was built with embeddings ${e.provider}/${e.model} (dim ${e.dim}) but the configuration asks for ` +
        `${expected.provider}/${expected.model}${expected.dim ? ` (dim ${expected.dim})` : ''}`,
      { hint: 'run `npm run ingest` to re-embed the corpus with the configured provider' },
    );
  }
}
