// The registry of formats: one loader per extension.
import { extname } from 'node:path';
import { docxLoader } from './docx.ts';
import { htmlLoader } from './html.ts';
import { jsonlLoader } from './jsonl.ts';
import { pdfLoader } from './pdf.ts';
import { markdownLoader, textLoader } from './text.ts';
import type { Loader } from './types.ts';

export const LOADERS: Loader[] = [textLoader, markdownLoader, htmlLoader, docxLoader, pdfLoader, jsonlLoader];

export function loaderFor(path: string): Loader | undefined {
  const ext = extname(path).toLowerCase();
  return LOADERS.find((l) => l.extensions.includes(ext));
}

export function supportedExtensions(): string[] {
  return LOADERS.flatMap((l) => l.extensions);
}

/**
 * Version of what the loaders make of a file. A refresh skips a file whose size and time are unchanged only when
 * the live snapshot was loaded by the same version: bump it whenever a loader's output changes (text, title,
 * pages, fields), so the next refresh reads every file again instead of keeping what the old loader made.
 */
export const LOADERS_VERSION = '1';
