// Pure splitting of text into paragraphs and sentences, as offset ranges into the input.
// Chinese sentences end at 。！？； (and their half-width forms), keeping closing quotes and brackets.

export interface Span {
  start: number;
  end: number;
}

const TERMINATORS = '。！？；!?;…';
const CLOSERS = '”’」』）)】》〉"\'';
// A terminator run, then closing marks. A half-width '.' ends a sentence only before a space or the end,
// so that 3.5% and 1.2 stay whole.
const SENTENCE_END = new RegExp(`(?:[${TERMINATORS}]+|\\.(?=\\s|$))[${CLOSERS}]*`, 'g');

/** Non-empty lines as paragraphs (trailing spaces excluded). */
export function splitParagraphs(text: string): Span[] {
  const spans: Span[] = [];
  const re = /[^\n]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const line = m[0];
    const lead = line.length - line.trimStart().length;
    const trimmed = line.trim();
    if (!trimmed) continue;
    const start = m.index + lead;
    spans.push({ start, end: start + trimmed.length });
  }
  return spans;
}

/** Sentences inside [start, end) of `text`. Whitespace between sentences is not part of any sentence. */
export function splitSentences(text: string, start = 0, end = text.length): Span[] {
  const spans: Span[] = [];
  const slice = text.slice(start, end);
  let cursor = 0;
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(slice); m; m = SENTENCE_END.exec(slice)) {
    const stop = m.index + m[0].length;
    pushTrimmed(slice, cursor, stop, start, spans);
    cursor = stop;
  }
  pushTrimmed(slice, cursor, slice.length, start, spans);
  return spans;
}

function pushTrimmed(slice: string, from: number, to: number, base: number, out: Span[]): void {
  while (from < to && /\s/.test(slice[from])) from++;
  while (to > from && /\s/.test(slice[to - 1])) to--;
  if (to > from) out.push({ start: base + from, end: base + to });
}

const SOFT_BREAKS = /[，,、：:]/g;

/**
 * Split one over-long sentence into pieces of at most `limit` characters: at commas and colons when
 * possible, hard cuts only when a clause alone is longer than the limit.
 */
export function splitLongSentence(text: string, span: Span, limit: number): Span[] {
  if (span.end - span.start <= limit) return [span];
  const cuts: number[] = [];
  const slice = text.slice(span.start, span.end);
  SOFT_BREAKS.lastIndex = 0;
  for (let m = SOFT_BREAKS.exec(slice); m; m = SOFT_BREAKS.exec(slice)) cuts.push(span.start + m.index + 1);
  const out: Span[] = [];
  let from = span.start;
  while (span.end - from > limit) {
    // The furthest soft break that keeps the piece within the limit; otherwise a hard cut.
    let cut = -1;
    for (const c of cuts) if (c > from && c - from <= limit) cut = c;
    if (cut < 0) cut = from + limit;
    out.push({ start: from, end: cut });
    from = cut;
  }
  if (span.end > from) out.push({ start: from, end: span.end });
  return out;
}
