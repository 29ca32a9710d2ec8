import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkDocument, displayText, isHeading } from '../../src/corpus/chunk.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { splitParagraphs, splitSentences } from '../../src/text/sentences.ts';
import type { SourceDoc } from '../../src/types.ts';
import { SHIPPED_CORPUS } from '../helpers/shipped-index.ts';

const doc = (text: string, id = 'd.txt'): SourceDoc => ({ id, path: id, title: 't', text });

describe('chunkDocument invariants on the shipped corpus', async () => {
  const { docs } = await loadCorpus(SHIPPED_CORPUS);
  for (const opts of [
    { size: 300, overlap: 60 },
    { size: 120, overlap: 0 },
    { size: 600, overlap: 150 },
  ]) {
    it(`size ${opts.size}, overlap ${opts.overlap}`, () => {
      for (const d of docs) {
        const chunks = chunkDocument(d, opts);
        expect(chunks.length).toBeGreaterThan(0);
        const sentences = splitParagraphs(d.text).flatMap((p) => splitSentences(d.text, p.start, p.end));
        const sentenceEnds = new Set(sentences.map((s) => s.end));
        let covered = 0;
        chunks.forEach((c, i) => {
          expect(c.seq).toBe(i);
          expect(c.docId).toBe(d.id);
          // Offsets point into the original text and the display text is derived from that slice.
          expect(c.text).toBe(displayText(d.text.slice(c.start, c.end)));
          // Never longer than the limit (+ the paragraph breaks between lines), headings aside.
          expect(c.end - c.start).toBeLessThanOrEqual(opts.size + 60);
          // A chunk ends at a sentence end unless it is a piece of an over-long sentence.
          const inside = sentences.find((s) => s.start < c.end && c.end < s.end);
          if (inside) expect(inside.end - inside.start).toBeGreaterThan(opts.size);
          else expect(sentenceEnds.has(c.end)).toBe(true);
          // Progress, and no gap: each chunk starts at or before the previous end.
          expect(c.start).toBeLessThanOrEqual(Math.max(covered, c.start));
          covered = Math.max(covered, c.end);
        });
        // Every sentence is in some chunk.
        for (const s of sentences) {
          expect(chunks.some((c) => c.start <= s.start && c.end >= s.end) || s.end - s.start > opts.size).toBe(true);
        }
      }
    });
  }
});

describe('chunkDocument behaviour', () => {
  it('repeats whole sentences as overlap when a paragraph is cut', () => {
    const para = Array.from({ length: 12 }, (_, i) => `这是第${i + 1}句话，内容较长一些以便切分。`).join('');
    const chunks = chunkDocument(doc(para), { size: 80, overlap: 30 });
    expect(chunks.length).toBeGreaterThan(2);
    for (let i = 1; i < chunks.length; i++) {
      expect(chunks[i].start).toBeLessThan(chunks[i - 1].end); // overlapping
      expect(chunks[i - 1].text.endsWith('。')).toBe(true);
    }
  });

  it('keeps a heading with the text that follows it and labels the section and article', () => {
    const text = '## 第二章  结婚\n\n第一千零四十六条 结婚应当男女双方完全自愿。\n\n第一千零四十七条 结婚年龄，男不得早于二十二周岁，女不得早于二十周岁。';
    const chunks = chunkDocument(doc(text, 'c.md'), { size: 40, overlap: 0 });
    expect(chunks[0].text.startsWith('第二章 结婚\n第一千零四十六条')).toBe(true);
    const last = chunks[chunks.length - 1];
    expect(last.section).toBe('第二章 结婚 第一千零四十七条');
    expect(last.paragraph).toBe(3);
  });

  it('shows text without pinyin annotations but with the original script', () => {
    const [c] = chunkDocument(doc('推進鄉(xiāng)村文化振興。'), { size: 100, overlap: 0 });
    expect(c.text).toBe('推進鄉村文化振興。');
  });

  it('maps chunks to pages for paged documents', () => {
    const text = '第一页内容。\n第二页内容。';
    const chunks = chunkDocument({ ...doc(text), pageStarts: [0, 7] }, { size: 6, overlap: 0 });
    expect(chunks.map((c) => c.page)).toEqual([1, 2]);
  });

  it.each([
    ['一、2024年工作回顾', true],
    ['## 第一章  一般规定', true],
    ['各位代表：', false],
    ['第一千零四十一条 婚姻家庭受国家保护。', false],
  ])('isHeading(%s) = %s', (line, expected) => expect(isHeading(line)).toBe(expected));
});

it('the seed document in corpus/ is the shared seed byte for byte', () => {
  const shared = join(SHIPPED_CORPUS, '../../shared/corpora/seed');
  let files: string[] = [];
  try {
    files = readdirSync(shared);
  } catch {
    return; // ../shared is not part of a clone; the check runs where it exists
  }
  for (const f of files) expect(readFileSync(join(SHIPPED_CORPUS, f)).equals(readFileSync(join(shared, f)))).toBe(true);
});

describe('displayText', () => {
  it('returns a slice that needs no cleaning as it is, and cleans one that does', () => {
    expect(displayText('第一条 为了保护民事主体的合法权益。\n第二条 本法调整。')).toBe('第一条 为了保护民事主体的合法权益。\n第二条 本法调整。');
    expect(displayText('## 第一章\n\n  第一条  为了保护。 ')).toBe('第一章\n第一条 为了保护。');
  });
});
