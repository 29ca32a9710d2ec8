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
}

export interface CorpusLoad {
  docs: LoadedDoc[];
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

export async function loadCorpus(dir: string, onFile?: (e: FileEvent) => void): Promise<CorpusLoad> {
  const { files, unreachable } = await listCorpus(dir);
  const docs: LoadedDoc[] = [];
  const skipped: CorpusFileError[] = unreachable.map((u) => new CorpusFileError(u.path, u.reason));
  const ignored: string[] = [];
  const readable = files.filter((path) => {
    const ok = !!loaderFor(path) && !isMetadataFile(path);
    if (!ok) ignored.push(path);
    return ok;
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
      for (const d of usable) docs.push({ ...d, hash: hashDoc(d) });
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
  return { docs, skipped, ignored };
}
