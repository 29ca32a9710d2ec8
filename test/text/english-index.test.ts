import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SHIPPED_ENGLISH_INDEX } from '../../src/text/english.ts';
import { CompactEnglishIndex, formatEnglishIndex } from '../../src/text/english-index.ts';

describe('compact English index', () => {
  const map = new Map<string, string[]>([
    ['marry', ['结婚']],
    ['get married', ['结婚', '成家']],
    ['landlord', ['房东', '地主']],
    ['a', ['甲']],
    ['zebra crossing', ['斑马线']],
  ]);

  it('answers as the Map it was written from', () => {
    const index = CompactEnglishIndex.parse(formatEnglishIndex(map, ['header']));
    expect(index.size).toBe(map.size);
    for (const [k, v] of map) {
      expect(index.has(k)).toBe(true);
      expect(index.get(k)).toEqual(v);
    }
    for (const absent of ['', 'b', 'marr', 'marry ', 'zzz', 'get']) expect(index.get(absent)).toBeUndefined();
    expect(new Map(index.entries())).toEqual(map);
  });

  it('puts the lines of a hand-edited file in order, and skips comments and lines without a tab', () => {
    const index = CompactEnglishIndex.parse('# note\nzoo\t动物园\nbroken line\nadult\t成年人|大人\n\n');
    expect(index.size).toBe(2);
    expect(index.get('adult')).toEqual(['成年人', '大人']);
    expect(index.get('zoo')).toEqual(['动物园']);
    expect(index.has('broken line')).toBe(false);
  });

  it('finds every key of the shipped file', () => {
    const text = readFileSync(SHIPPED_ENGLISH_INDEX, 'utf8');
    const index = CompactEnglishIndex.parse(text);
    const lines = text.split('\n').filter((l) => l && !l.startsWith('#'));
    expect(index.size).toBe(lines.length);
    for (const line of lines.filter((_, i) => i % 97 === 0)) {
      const [key, words] = line.split('\t');
      expect(index.get(key)).toEqual(words.split('|'));
    }
  });
});
