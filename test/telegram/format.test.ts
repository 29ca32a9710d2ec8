// Escaping and splitting: every part valid Telegram HTML under the limit, text preserved, markers whole.
import { describe, expect, it } from 'vitest';
import { parseTelegramHtml } from '../../src/dev/telegram-html.ts';
import { cutText, escapeHtml, renderParts } from '../../src/telegram/format.ts';

describe('escapeHtml', () => {
  it.each([
    ['<b>bold</b>', '&lt;b&gt;bold&lt;/b&gt;'],
    ['A & B', 'A &amp; B'],
    ['&amp;', '&amp;amp;'],
    ['《民法典》第1条 [1]', '《民法典》第1条 [1]'],
  ])('%s -> %s', (input, out) => {
    expect(escapeHtml(input)).toBe(out);
    const parsed = parseTelegramHtml(out);
    expect(parsed.ok && parsed.text).toBe(input);
  });
});

describe('cutText', () => {
  const cases: [string, string, number][] = [
    ['at a line end', '第一行内容很长很长。\n第二行也很长很长。', 14],
    ['after a sentence and its marker', '第一句话讲了一件事[1]。第二句话讲了另一件事。[2]第三句。', 20],
    ['before a run of escaped characters', '<<<<<<<<<<&&&&&&&&&&', 25],
    ['inside a long run without boundaries', 'x'.repeat(50), 16],
    ['never between surrogate halves', '😀'.repeat(20), 7],
  ];
  it.each(cases)('cuts %s, each piece fits, nothing is lost', (_what, text, limit) => {
    const pieces = cutText(text, limit);
    expect(pieces.join('')).toBe(text);
    for (const p of pieces) expect(escapeHtml(p).length).toBeLessThanOrEqual(limit);
    for (const p of pieces) expect(p).not.toMatch(/^[\udc00-\udfff]/);
  });

  it('prefers the line end, then the sentence end with its [n] marker', () => {
    expect(cutText('第一行内容很长很长。\n第二行也很长很长。', 14)[0]).toBe('第一行内容很长很长。\n');
    expect(cutText('第一句话讲了一件事。[1]第二句话讲了另一件事。', 16)[0]).toBe('第一句话讲了一件事。[1]');
  });

  it('never cuts inside a [n] marker or just before one', () => {
    const text = 'abcdefgh[12]ijklmnopqrstuvwxyz'.repeat(3);
    for (let limit = 6; limit < 40; limit++) {
      for (const p of cutText(text, limit)) {
        expect(p).not.toMatch(/^\d*\]/);
        expect(p).not.toMatch(/\[\d*$/);
        expect(p).not.toMatch(/^\[\d+\]/);
      }
    }
  });
});

describe('renderParts', () => {
  it('keeps short blocks in one message joined by newlines', () => {
    expect(renderParts([{ text: 'a<b' }, { text: '来源', tag: 'b' }, { text: 'x' }])).toEqual(['a&lt;b\n<b>来源</b>\nx']);
  });

  it('splits a long tagged block into parts that each close their tag', () => {
    const text = Array.from({ length: 300 }, (_, i) => `第${i}句<引用>。`).join('');
    const parts = renderParts(
      [
        { text: '标题', tag: 'b' },
        { text, tag: 'blockquote' },
      ],
      500,
    );
    expect(parts.length).toBeGreaterThan(5);
    let visible = '';
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(500);
      const parsed = parseTelegramHtml(p);
      expect(parsed.ok).toBe(true);
      if (parsed.ok) visible += parsed.text + '\n';
    }
    expect(visible.replace(/\n/g, '')).toBe('标题' + text);
  });
});
