// Walks the corpus directory and loads every supported file. A file that cannot be read is reported
// with its reason and skipped; it never stops the rest from loading.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { CorpusFileError } from '../errors.ts';
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

export async function listCorpusFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && isCandidate(e.name))
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .filter((p) => p.split('/').every(isCandidate) && !p.startsWith(`${CURATED_SUBDIR}/`))
    .sort();
}

export function hashDoc(doc: SourceDoc): string {
  return createHash('sha256')
    .update(JSON.stringify([doc.title, doc.date ?? '', doc.url ?? '', doc.text, doc.pageStarts ?? []]))
    .digest('hex')
    .slice(0, 32);
}

export async function loadCorpus(dir: string, onFile?: (e: FileEvent) => void): Promise<CorpusLoad> {
  const files = await listCorpusFiles(dir);
  const docs: LoadedDoc[] = [];
  const skipped: CorpusFileError[] = [];
  const ignored: string[] = [];
  const readable = files.filter((path) => {
    const ok = !!loaderFor(path) && !isMetadataFile(path);
    if (!ok) ignored.push(path);
    return ok;
  });
  const total = readable.length;
  for (const [index, path] of readable.entries()) {
    try {
      const bytes = await readFile(join(dir, path));
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
