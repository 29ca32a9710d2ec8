import { describe, expect, it } from 'vitest';
import { splitFixed } from '../../../src/measure/bench/langchain.ts';

const doc = (id: string, text: string) => ({ id, path: id, title: id, text });

describe('splitFixed', () => {
  it('moves a fixed window by size - overlap, blind to sentences, and covers the whole text', () => {
    const text = 'abcdefghij'.repeat(3);
    const w = splitFixed([doc('d', text)], 12, 4);
    expect(w.map((x) => x.start)).toEqual([0, 8, 16, 24]);
    expect(w.every((x) => x.text.length <= 12)).toBe(true);
    expect(w[w.length - 1].text).toBe(text.slice(24));
    expect(w[1].text.slice(0, 4)).toBe(w[0].text.slice(8));
  });

  it('gives a short document one window and refuses an overlap as large as the window', () => {
    expect(splitFixed([doc('d', 'short')], 300, 60)).toEqual([{ docId: 'd', start: 0, text: 'short' }]);
    expect(() => splitFixed([], 10, 10)).toThrow(RangeError);
  });
});
