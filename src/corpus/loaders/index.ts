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
