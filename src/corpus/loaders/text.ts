// Plain text and Markdown (with optional YAML-style front matter: title, date, url).

import { stripPinyin } from '../../text/normalize.ts';
import type { SourceDoc } from '../../types.ts';
import { decodeText } from './decode.ts';
import type { LoadedFile, Loader } from './types.ts';

/** The first non-empty line, first sentence, without Markdown marks or pinyin annotations. */
export function titleFromText(text: string, fallback: string): string {
  const line = text
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l && !l.startsWith('<!--'));
  if (!line) return fallback;
  const clean = stripPinyin(line.replace(/^#{1,6}\s+/, '')).trim();
  const first = clean.split(/[。！？!?]/)[0].trim() || clean;
  return first.length > 60 ? first.slice(0, 60) + '…' : first;
}

export const textLoader: Loader = {
  extensions: ['.txt'],
  load(file: LoadedFile): SourceDoc[] {
    const text = decodeText(file.bytes).replace(/\r\n?/g, '\n');
    return [{ id: file.path, path: file.path, title: titleFromText(text, file.path), text }];
  },
};

const FRONT_MATTER = /^---\n([\s\S]*?)\n---\n?/;

/** Minimal front matter reader: `key: value` lines; quotes around values are removed. */
export function parseFrontMatter(text: string): { meta: Record<string, string>; body: string } {
  const m = FRONT_MATTER.exec(text);
  if (!m) return { meta: {}, body: text };
  const meta: Record<string, string> = {};
  for (const line of m[1].split('\n')) {
    const kv = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (kv) meta[kv[1].toLowerCase()] = kv[2].trim().replace(/^(['"])(.*)\1$/, '$2');
  }
  // Keep offsets honest: the front matter becomes blank lines of the same length.
  return { meta, body: m[0].replace(/[^\n]/g, ' ') + text.slice(m[0].length) };
}

/**
 * A document that opens with several `# ` headings names itself by all of them: "# 中华人民共和国民法典" then
 * "# 人格权编" is 中华人民共和国民法典·人格权编, not one of eight books all called 中华人民共和国民法典.
 */
export function leadingH1s(text: string): string | undefined {
  const h1s: string[] = [];
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (!t) continue;
    const m = /^#\s+(.+)$/.exec(t);
    if (!m) break;
    h1s.push(stripPinyin(m[1]).trim());
  }
  return h1s.length > 1 ? h1s.join('·') : undefined;
}

/** Front matter keys an operator may set to name a document's collection by hand (see corpus/metadata.ts). */
const METADATA_KEYS = ['kind', 'collection', 'year', 'book'];

export function metadataFields(meta: Record<string, string>): Record<string, string> | undefined {
  const fields = Object.fromEntries(METADATA_KEYS.filter((k) => meta[k]).map((k) => [k, meta[k]]));
  return Object.keys(fields).length ? fields : undefined;
}

export const markdownLoader: Loader = {
  extensions: ['.md', '.markdown'],
  load(file: LoadedFile): SourceDoc[] {
    const raw = decodeText(file.bytes).replace(/\r\n?/g, '\n');
    const { meta, body } = parseFrontMatter(raw);
    // HTML comments (<!-- INFO END -->) are markup, not content: blank them out, keeping offsets.
    const text = body.replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, ' '));
    const doc: SourceDoc = { id: file.path, path: file.path, title: meta.title || leadingH1s(text) || titleFromText(text, file.path), text };
    if (meta.date) doc.date = meta.date;
    if (meta.url) doc.url = meta.url;
    const fields = metadataFields(meta);
    if (fields) doc.fields = fields;
    return [doc];
  },
};
