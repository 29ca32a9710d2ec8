// Citations: which passage a [n] marker points to, built the same way for every answerer.
import type { Citation, Hit } from '../types.ts';

/** A citation for `hit`, quoting `quote` (sentences of the chunk, original script) or the whole chunk. */
export function citationFor(n: number, hit: Hit, quote?: string): Citation {
  const c: Citation = {
    n,
    doc: hit.doc.path,
    title: hit.doc.title,
    paragraph: hit.chunk.paragraph,
    text: quote ?? hit.chunk.text,
    passage: hit.chunk.text,
  };
  if (hit.chunk.section) c.section = hit.chunk.section;
  if (hit.chunk.page) c.page = hit.chunk.page;
  if (hit.doc.url) c.url = hit.doc.url;
  // Which year's report: shown beside every citation, so figures of different years are never mixed up.
  if (hit.doc.meta?.year !== undefined) c.year = hit.doc.meta.year;
  return c;
}

/** The [n] markers used in a text, in order of first use, without duplicates. */
export function markersIn(text: string): number[] {
  const seen: number[] = [];
  for (const m of text.matchAll(/\[(\d{1,2})\]/g)) {
    const n = Number(m[1]);
    if (!seen.includes(n)) seen.push(n);
  }
  return seen;
}
