// The contract between the corpus walker and one file format.
import type { SourceDoc } from '../../types.ts';

export interface LoadedFile {
  /** Path relative to the corpus dir, with forward slashes. */
  path: string;
  bytes: Buffer;
}

/** A file that loads in part: the documents read, and the parts skipped with their reason (a bad JSONL line). */
export interface PartialLoad {
  docs: SourceDoc[];
  skipped: { part: string; reason: string }[];
}

export interface Loader {
  /** Lower-case extensions with the dot, e.g. '.md'. */
  extensions: string[];
  /** One file -> one or more documents (a collection file yields many). Throws on unreadable input. */
  load(file: LoadedFile): SourceDoc[] | PartialLoad | Promise<SourceDoc[] | PartialLoad>;
}
