import { describe, expect, it } from 'vitest';
import { splitLongSentence, splitParagraphs, splitSentences } from '../../src/text/sentences.ts';

const texts = (t: string, spans: { start: number; end: number }[]) => spans.map((s) => t.slice(s.start, s.end));

describe('splitSentences', () => {
  it('ends sentences at Chinese terminators and keeps closing quotes with them', () => {
    const t = '要堅持德治為先。他說：“好。”然後呢？是的！最後；結束';
    expect(texts(t, splitSentences(t))).toEqual(['要堅持德治為先。', '他說：“好。”', '然後呢？', '是的！', '最後；', '結束']);
  });

  it('does not cut decimals or abbreviations without a following space', () => {
    const t = '增长5.2%左右。GDP达到134.9万亿元。';
    expect(texts(t, splitSentences(t))).toEqual(['增长5.2%左右。', 'GDP达到134.9万亿元。']);
  });

  it('splits English sentences at a period followed by a space', () => {
    const t = 'First one. Second one.';
    expect(texts(t, splitSentences(t))).toEqual(['First one.', 'Second one.']);
  });

  it('works on a range and returns offsets into the whole text', () => {
    const t = 'AAA。第二段第一句。第二句。';
    const spans = splitSentences(t, 4);
    expect(texts(t, spans)).toEqual(['第二段第一句。', '第二句。']);
  });
});

describe('splitParagraphs', () => {
  it('treats each non-empty line as a paragraph, trimmed', () => {
    const t = '  第一段。\n\n第二段。 \n第三段。';
    expect(texts(t, splitParagraphs(t))).toEqual(['第一段。', '第二段。', '第三段。']);
  });
});

describe('splitLongSentence', () => {
  it('prefers commas, and cuts hard only when a clause alone is too long', () => {
    const t = '甲乙丙丁，戊己庚辛，壬癸子丑寅卯辰巳午未申酉。';
    const pieces = texts(t, splitLongSentence(t, { start: 0, end: t.length }, 10));
    expect(pieces.join('')).toBe(t);
    expect(pieces[0]).toBe('甲乙丙丁，戊己庚辛，');
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(10);
  });
});
