import { Trie } from 'opencc-js/core';
import { describe, expect, it } from 'vitest';
import { type DictLike, PrefixTable, ScriptTableError } from '../../../src/text/script/table.ts';

// opencc-js's own trie is the oracle: every match a table makes must be the one `Trie.matchPrefix` makes.
function oracle(group: DictLike[]): Trie {
  const t = new Trie();
  t.loadDictGroup(group);
  return t;
}

function matches(table: PrefixTable, s: string): ({ end: number; value: string } | null)[] {
  return [...s].map((_, k) => {
    const i = [...s].slice(0, k).join('').length;
    const end = table.match(s, i);
    return end < 0 ? null : { end, value: table.value };
  });
}

function expectSameAsTrie(group: DictLike[], texts: string[]): void {
  const table = PrefixTable.fromGroup(group);
  const trie = oracle(group);
  for (const s of texts) {
    const want = [...s].map((_, k) => trie.matchPrefix(s, [...s].slice(0, k).join('').length));
    expect(matches(table, s), s).toEqual(want);
  }
}

describe('PrefixTable', () => {
  it('takes the longest key at each position, and nothing where no key starts', () => {
    expectSameAsTrie(['中 A|中国 B|中国人 C|中国人民银行 D|国人 E'], ['中国人民', '中国人民银行行长', '中', '外国人', '中国', 'abc']);
  });

  it('lets the first dictionary of a group win, and the last line within a dictionary', () => {
    const group = ['发 first|头发 first', '发 second|头发 second|发展 second', '发展 third|发展 fourth'];
    expectSameAsTrie(group, ['头发发展', '发']);
    const table = PrefixTable.fromGroup(group);
    expect(table.match('发展', 0)).toBe(2);
    expect(table.value).toBe('second');
    const alone = PrefixTable.fromGroup(['发展 third|发展 fourth']);
    alone.match('发展', 0);
    expect(alone.value).toBe('fourth');
  });

  it('reads [key, value] pairs and ignores fields after the second, as opencc-js does', () => {
    expectSameAsTrie([[['干', '幹']], '干 乾 幹|干净 乾淨 幹淨'], ['干净', '干活']);
    const table = PrefixTable.fromGroup(['干 乾 幹']);
    table.match('干', 0);
    expect(table.value).toBe('乾');
  });

  it('never matches an empty key', () => {
    expectSameAsTrie([[['', 'X']], 'a b'], ['a', 'ba', '']);
  });

  it('steps over surrogate pairs whole: a key ending in a high surrogate does not match before its low half', () => {
    const group = [
      [
        ['\ud840', 'H'],
        ['a\ud840', 'aH'],
        ['𠀀', 'Z'],
        ['𠀀𡃁', 'ZZ'],
        ['\udc00', 'L'],
      ] as [string, string][],
    ];
    expectSameAsTrie(group, ['𠀀𡃁', 'a𠀀', 'a\ud840b', '\ud840', '\udc00𠀀', '𠀀\udc00', 'x\ud840\udc00']);
  });

  it('keeps only keys when asked, for segmentation', () => {
    const table = PrefixTable.fromGroup(['头发 頭髮|发展 發展'], { keysOnly: true });
    expect(table.match('头发展', 0)).toBe(2);
    expect(table.value).toBe('');
    expect(table.size).toBe(2);
  });

  it('rejects a line without a value, with a hint about the data format', () => {
    expect(() => PrefixTable.fromGroup(['a b|c'])).toThrow(ScriptTableError);
    expect(() => PrefixTable.fromGroup(['a b|'])).toThrow(/format of 1.4/);
    expect(() => oracle(['a b|'])).toThrow(TypeError);
  });
});
