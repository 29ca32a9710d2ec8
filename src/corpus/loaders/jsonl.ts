// JSON Lines collections: one document per line, {title, content, url?, date?, year?, id?}. Each record gets a
// stable id (`file#<id>` or `file#<title>`), so inserting a record at the top does not re-embed the others.
import type { SourceDoc } from '../../types.ts';
import { decodeText } from './decode.ts';
import type { LoadedFile, Loader, PartialLoad } from './types.ts';

/** Lines that could not be read; the loader reports them and loads the rest. */
export interface BadLine {
  line: number;
  reason: string;
}

export interface JsonlResult {
  docs: SourceDoc[];
  bad: BadLine[];
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : undefined);

export function parseJsonl(file: LoadedFile): JsonlResult {
  const docs: SourceDoc[] = [];
  const bad: BadLine[] = [];
  const seen = new Map<string, number>();
  for (const [i, raw] of decodeText(file.bytes).split('\n').entries()) {
    const line = raw.trim();
    if (!line) continue;
    let rec: Record<string, unknown>;
    try {
      rec = JSON.parse(line);
    } catch (err) {
      bad.push({ line: i + 1, reason: `not JSON (${(err as Error).message})` });
      continue;
    }
    if (!rec || typeof rec !== 'object' || Array.isArray(rec)) {
      bad.push({ line: i + 1, reason: 'not a JSON object' });
      continue;
    }
    const text = str(rec.content) ?? str(rec.text);
    const title = str(rec.title);
    if (!text) {
      bad.push({ line: i + 1, reason: 'no "content" text' });
      continue;
    }
    if (!title) {
      bad.push({ line: i + 1, reason: 'no "title"' });
      continue;
    }
    // Two records with the same key (a reprinted title) stay distinct and stable in file order.
    const key = str(rec.id) ?? title;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    const doc: SourceDoc = { id: `${file.path}#${n > 1 ? `${key} (${n})` : key}`, path: file.path, title, text: text.replace(/\r\n?/g, '\n') };
    const date = str(rec.date) ?? str(rec.year);
    if (date) doc.date = date;
    const url = str(rec.url);
    if (url) doc.url = url;
    docs.push(doc);
  }
  return { docs, bad };
}

export const jsonlLoader: Loader = {
  extensions: ['.jsonl', '.ndjson'],
  load(file: LoadedFile): PartialLoad {
    const { docs, bad } = parseJsonl(file);
    if (!docs.length && bad.length) throw new Error(`no readable record (line ${bad[0].line}: ${bad[0].reason})`);
    return { docs, skipped: bad.map((b) => ({ part: `line ${b.line}`, reason: b.reason })) };
  },
};
