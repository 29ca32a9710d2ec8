// Walks the corpus directory and loads every supported file. A file that cannot be read is reported
// with its reason and skipped; it never stops the rest from loading.
import { createHash } from 'node:crypto';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError, CorpusFileError } from '../errors.ts';
import type { SourceDoc } from '../types.ts';
import { loaderFor } from './loaders/index.ts';

export interface LoadedDoc extends SourceDoc {
  /** Content hash (title, metadata and text): unchanged hash means unchanged chunks and embeddings. */
  hash: string;
  /** Size and modification time of its file when it was read, for a later refresh to skip it while they hold
   * (absent when the file was modified too recently to trust its time; see `stampOf`). */
  source?: FileStamp;
  /** Length of its text, set when the text was not read (a refresh reusing the document by its file's stamp:
   * `text` is empty then, and its chunks, terms and vectors are the live snapshot's). */
  chars?: number;
}

/** Characters of a document's text, read or not. */
export function docChars(d: LoadedDoc): number {
  return d.chars ?? d.text.length;
}

/** What a refresh compares to decide, without reading a file, that it is the one already indexed. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
}

export interface CorpusLoad {
  docs: LoadedDoc[];
  /** Files not read because `LoadOptions.unchanged` said their size and time are those already indexed. */
  unread: string[];
  /** Whole files that could not be read, and parts of files (a bad JSONL line, `part` set). */
  skipped: CorpusFileError[];
  /** Files present but not documents: other formats, repository metadata (listed, not an error). */
  ignored: string[];
}

export type FileEvent =
  | { kind: 'loaded'; path: string; docs: number; chars: number; index: number; total: number }
  | { kind: 'skipped'; path: string; reason: string; part?: string; index: number; total: number };

/** Files whose name starts with '.' or '_' are not documents (hidden files, `_index.md` section pages). */
function isCandidate(name: string): boolean {
  return !name.startsWith('.') && !name.startsWith('_');
}

// Files that come with a downloaded collection but describe it rather than belong to it
// (README.md, LICENSE, SOURCE_COMMIT.txt): indexing them would answer questions with a licence text.
// NOTICE and AUTHORS only in capitals: notice.html may well be a 通知.
const METADATA = [/^(readme|licen[cs]e|copying|changelog|source_commit)(\.[a-z]+)?$/i, /^(NOTICE|AUTHORS)(\.[a-z]+)?$/];

/** The operator's curated answers (issue 14) live in `<corpus>/answers/`: they rest on documents, they are not
 * documents, so indexing them would let an answer cite itself. */
export const CURATED_SUBDIR = 'answers';

export function isMetadataFile(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return METADATA.some((re) => re.test(name));
}

export interface CorpusListing {
  /** Document candidates, relative to the corpus dir with forward slashes, sorted. */
  files: string[];
  /** Entries that cannot be followed (broken or looping symbolic links): listed, never silently dropped. */
  unreachable: { path: string; reason: string }[];
}

/**
 * Every candidate file under `dir`. Symbolic links to files and folders are followed (a corpus is often put
 * together from links to shared folders); a link back into a folder already being walked is a loop and is listed
 * as unreachable, as is a link to nothing.
 */
export async function listCorpus(dir: string): Promise<CorpusListing> {
  const files: string[] = [];
  const unreachable: CorpusListing['unreachable'] = [];
  let root: string;
  try {
    root = await realpath(dir);
  } catch (cause) {
    throw new ConfigError(`the corpus folder ${dir} does not exist or cannot be read`, {
      cause,
      hint: 'check CORPUS_DIR (or --corpus), and that the folder is mounted',
    });
  }
  // `real` is where `abs` really is, so a link back to any folder on the way down is recognised as a loop.
  const walk = async (abs: string, realDir: string, rel: string, ancestors: Set<string>): Promise<void> => {
    for (const e of await readdir(abs, { withFileTypes: true })) {
      if (!isCandidate(e.name)) continue;
      const path = rel ? `${rel}/${e.name}` : e.name;
      const full = join(abs, e.name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      let real = join(realDir, e.name);
      if (e.isSymbolicLink()) {
        try {
          real = await realpath(full);
          const st = await stat(real);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          unreachable.push({ path, reason: 'symbolic link to nothing (broken link)' });
          continue;
        }
      }
      if (isDir) {
        if (ancestors.has(real)) {
          unreachable.push({ path, reason: 'symbolic link loop (it points back to a folder that contains it)' });
          continue;
        }
        await walk(full, real, path, new Set([...ancestors, real]));
      } else if (isFile) files.push(path);
    }
  };
  await walk(root, root, '', new Set([root]));
  // Curated answers (corpus/answers/) are the operator's own wording, served as such: never indexed as documents.
  return { files: files.filter((p) => !p.startsWith(`${CURATED_SUBDIR}/`)).sort(), unreachable };
}

export async function listCorpusFiles(dir: string): Promise<string[]> {
  return (await listCorpus(dir)).files;
}

export function hashDoc(doc: SourceDoc): string {
  return createHash('sha256')
    .update(JSON.stringify([doc.title, doc.date ?? '', doc.url ?? '', doc.text, doc.pageStarts ?? []]))
    .digest('hex')
    .slice(0, 32);
}

/** Files read ahead of the one being parsed (a few: a file's bytes are held until its turn). */
const READ_AHEAD = 8;
/** Files statted at once: a round trip to the thread pool per file, awaited in turn, was most of the cost. */
const STAT_BATCH = 256;

/**
 * A file's stamp, taken before it is read, or undefined when it is too young to trust. A file written again in
 * the same tick of the file system's clock as an earlier write keeps its time; if that tick was still running
 * when the file was read, an edit made just after the read (same size) would go unseen (git's "racy" entries).
 * Such a file gets no stamp, so the next refresh reads it again. Coarse clocks (whole seconds: FAT, some network
 * shares) count two seconds; fine ones (ext4's ticks are a few milliseconds) 50 ms.
 */
export function stampOf(st: { size: number; mtimeMs: number }, now: number): FileStamp | undefined {
  const window = st.mtimeMs % 1000 === 0 ? 2000 : 50;
  return now - st.mtimeMs < window ? undefined : { size: st.size, mtimeMs: st.mtimeMs };
}

export interface LoadOptions {
  onFile?: (e: FileEvent) => void;
  /**
   * A refresh's test: true when a file's size and modification time are those of the version already indexed.
   * Such a file is not read (listed in `unread`); its documents are the caller's to reuse.
   */
  unchanged?: (path: string, stamp: FileStamp) => boolean;
}

export async function loadCorpus(dir: string, opts: LoadOptions | ((e: FileEvent) => void) = {}): Promise<CorpusLoad> {
  const { onFile, unchanged } = typeof opts === 'function' ? { onFile: opts, unchanged: undefined } : opts;
  const { files, unreachable } = await listCorpus(dir);
  const docs: LoadedDoc[] = [];
  const skipped: CorpusFileError[] = unreachable.map((u) => new CorpusFileError(u.path, u.reason));
  const ignored: string[] = [];
  const candidates = files.filter((path) => {
    const ok = !!loaderFor(path) && !isMetadataFile(path);
    if (!ok) ignored.push(path);
    return ok;
  });
  // Each file is statted before it is read: a change after the stat changes its time, so it is read next time.
  const stamps = await statAll(dir, candidates);
  const unread: string[] = [];
  const readable: string[] = [];
  const readStamps: (FileStamp | undefined)[] = [];
  candidates.forEach((path, i) => {
    const stamp = stamps[i];
    if (unchanged && stamp && unchanged(path, stamp)) unread.push(path);
    else {
      readable.push(path);
      readStamps.push(stamp);
    }
  });
  const total = readable.length;
  // Files are read a few ahead of the one being parsed: awaiting each read in turn left the process idle for a
  // thread-pool round trip per file (most of a no-change refresh of 500 small files). Parsed in order all the same.
  const reads: (Promise<Buffer> | undefined)[] = [];
  const readAhead = (i: number) => {
    if (i >= total) return;
    const read = readFile(join(dir, readable[i]));
    read.catch(() => {}); // its failure is reported when its turn comes, not as an unhandled rejection before
    reads[i] = read;
  };
  for (let i = 0; i < READ_AHEAD; i++) readAhead(i);
  for (const [index, path] of readable.entries()) {
    readAhead(index + READ_AHEAD);
    const read = reads[index]!;
    reads[index] = undefined;
    try {
      const bytes = await read;
      const loaded = await loaderFor(path)!.load({ path, bytes });
      const { docs: found, skipped: parts } = Array.isArray(loaded) ? { docs: loaded, skipped: [] } : loaded;
      const usable = found.filter((d) => d.text.trim().length > 0);
      if (usable.length === 0) throw new Error('no text found in the file');
      const source = readStamps[index];
      for (const d of usable) docs.push(source ? { ...d, hash: hashDoc(d), source } : { ...d, hash: hashDoc(d) });
      for (const p of parts) {
        skipped.push(new CorpusFileError(path, p.reason, { part: p.part }));
        onFile?.({ kind: 'skipped', path, reason: p.reason, part: p.part, index, total });
      }
      onFile?.({ kind: 'loaded', path, docs: usable.length, chars: usable.reduce((n, d) => n + d.text.length, 0), index, total });
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      skipped.push(new CorpusFileError(path, reason, { cause }));
      onFile?.({ kind: 'skipped', path, reason, index, total });
    }
  }
  return { docs, unread, skipped, ignored };
}

/** Each file's stamp (undefined when it cannot be statted, or is too young: see stampOf), a batch at a time. */
async function statAll(dir: string, paths: readonly string[]): Promise<(FileStamp | undefined)[]> {
  const out: (FileStamp | undefined)[] = [];
  for (let i = 0; i < paths.length; i += STAT_BATCH) {
    const batch = paths.slice(i, i + STAT_BATCH);
    const stats = await Promise.all(batch.map((p) => stat(join(dir, p)).catch(() => undefined)));
    const now = Date.now();
    for (const st of stats) out.push(st?.isFile() ? stampOf(st, now) : undefined);
  }
  return out;
}
