// Pure chunking: whole sentences packed into chunks of at most `size` characters, paragraph-aware,
// with a sentence-aligned overlap when a paragraph is cut, and offsets back into the document text.

import { cleanWhitespace, stripPinyin } from '../text/normalize.ts';
import { type Span, splitLongSentence, splitParagraphs, splitSentences } from '../text/sentences.ts';
import type { Chunk, SourceDoc } from '../types.ts';

export interface ChunkOptions {
  size: number;
  overlap: number;
}

interface Unit extends Span {
  paragraph: number; // 0-based paragraph index
  heading: boolean;
  /** The paragraph opens a legal article ("第一千零七十九条 …"): an article starts its own chunk. */
  article: boolean;
}

const ARTICLE_RE = /^第[零〇一二三四五六七八九十百千万\d]+条/;

/** A short line with no sentence punctuation is a heading ("一、2024年工作回顾", "## 第二章 结婚"). */
export function isHeading(line: string): boolean {
  if (/^#{1,6}\s/.test(line)) return true;
  const t = line.trim();
  return t.length <= 40 && !/[。！？；!?;：:，,]/.test(t) && !ARTICLE_RE.test(t);
}

/**
 * The text shown to users for a slice of the document: no pinyin, no Markdown heading marks, tidy spaces.
 * A slice that needs none of it is returned as it is: cleanWhitespace's replacements hand back a new (cons)
 * string even when they change nothing, and a chunk keeping it held its own copy of the text once flattened
 * (6.6 MB at 100x distinct, where 99% of the chunks need no cleaning) instead of a view of the document's.
 */
export function displayText(raw: string): string {
  const shown = cleanWhitespace(stripPinyin(raw).replace(/^#{1,6}\s+/gm, ''));
  return shown === raw ? raw : shown;
}

export function chunkDocument(doc: SourceDoc, opts: ChunkOptions): Chunk[] {
  const text = doc.text;
  const units = toUnits(text, opts.size);
  const groups = pack(units, opts);
  const labels = sectionLabels(text, units);
  return groups.map((g, seq) => {
    const first = g[0];
    const start = first.start;
    const end = g[g.length - 1].end;
    const chunk: Chunk = {
      docId: doc.id,
      seq,
      paragraph: first.paragraph + 1,
      start,
      end,
      text: displayText(text.slice(start, end)),
    };
    // A chapter heading leads the first article of its chapter: the chunk is labelled by that article.
    const label = labels.get((g.find((u) => u.article) ?? first).paragraph);
    if (label) chunk.section = label;
    if (doc.pageStarts) chunk.page = pageAt(doc.pageStarts, start);
    return chunk;
  });
}

/** Sentences of every paragraph (over-long ones split), tagged with their paragraph. */
function toUnits(text: string, size: number): Unit[] {
  const units: Unit[] = [];
  splitParagraphs(text).forEach((p, paragraph) => {
    const heading = isHeading(text.slice(p.start, p.end));
    const article = ARTICLE_RE.test(text.slice(p.start, p.end));
    for (const s of splitSentences(text, p.start, p.end)) {
      // Fields named, not spread ({ ...piece, … }): V8 kept a quarter of the spread objects alive through each
      // young-generation collection, so chunking the 100x distinct corpus promoted ~40 MB of garbage to the old
      // generation (its heap then stayed that much larger through the build) and took 3.5 times as long.
      for (const piece of splitLongSentence(text, s, size)) units.push({ start: piece.start, end: piece.end, paragraph, heading, article });
    }
  });
  return units;
}

function len(u: Span): number {
  return u.end - u.start;
}

/**
 * Greedy packing. A new chunk starts when the next sentence would overflow, before a heading (headings lead
 * their section), before a legal article, or at a paragraph break once the chunk is at least half full. When a cut falls inside a
 * paragraph, the last sentences of the previous chunk (up to `overlap` characters) are repeated.
 */
function pack(units: Unit[], { size, overlap }: ChunkOptions): Unit[][] {
  const groups: Unit[][] = [];
  let cur: Unit[] = [];
  let curLen = 0;
  const flush = (next?: Unit) => {
    if (!cur.some((u) => !u.heading) && next) return; // never leave a heading alone at a chunk's end
    groups.push(cur);
    const prev = cur;
    cur = [];
    curLen = 0;
    if (next && prev[prev.length - 1].paragraph === next.paragraph) {
      const tail: Unit[] = [];
      let tailLen = 0;
      for (let i = prev.length - 1; i > 0; i--) {
        if (tailLen + len(prev[i]) > overlap || prev[i].paragraph !== next.paragraph) break;
        tail.unshift(prev[i]);
        tailLen += len(prev[i]);
      }
      if (tailLen + len(next) <= size) {
        cur = tail;
        curLen = tailLen;
      }
    }
  };
  for (const u of units) {
    if (cur.length) {
      const last = cur[cur.length - 1];
      const newParagraph = u.paragraph !== last.paragraph;
      const gap = newParagraph ? 1 : 0;
      // One article, one passage: a citation then points at exactly the article that says it, and "第1079条"
      // is looked up by its label.
      const startsArticle = newParagraph && u.article && !last.heading;
      if (
        curLen + gap + len(u) > size ||
        (newParagraph && u.heading && !last.heading) ||
        startsArticle ||
        (newParagraph && curLen >= size / 2 && !last.heading)
      ) {
        flush(u);
      }
    }
    cur.push(u);
    curLen += len(u) + (cur.length > 1 && cur[cur.length - 2].paragraph !== u.paragraph ? 1 : 0);
  }
  if (cur.length) groups.push(cur);
  return groups;
}

/** For each paragraph index: the nearest heading above it, and the article ("第…条") it belongs to. */
function sectionLabels(text: string, units: Unit[]): Map<number, string> {
  const labels = new Map<number, string>();
  let heading = '';
  let article = '';
  let lastParagraph = -1;
  for (const u of units) {
    if (u.paragraph === lastParagraph) continue;
    lastParagraph = u.paragraph;
    const line = text.slice(u.start, u.end);
    if (u.heading) {
      heading = displayText(line).slice(0, 40);
      article = '';
    } else {
      const m = ARTICLE_RE.exec(line);
      if (m) article = m[0];
    }
    const label = [heading, article].filter(Boolean).join(' ');
    if (label) labels.set(u.paragraph, label);
  }
  return labels;
}

function pageAt(pageStarts: number[], offset: number): number {
  let page = 1;
  for (let i = 0; i < pageStarts.length; i++) if (pageStarts[i] <= offset) page = i + 1;
  return page;
}
