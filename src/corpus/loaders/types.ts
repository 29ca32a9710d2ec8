// The contract between the corpus walker and one file format.
import type { SourceDoc } from '../../types.ts';

export interface LoadedFile {
  /** Path relative to the corpus dir, with forward slashes. */
  path: string;
  bytes: Buffer;
}

export interface Loader {
  /** Lower-case extensions with the dot, e.g. '.md'. */
  extensions: string[];
  /** One file -> one or more documents (a collection file yields many). Throws on unreadable input. */
  load(file: LoadedFile): SourceDoc[] | Promise<SourceDoc[]>;
}
