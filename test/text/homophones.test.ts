// Homophone typos: fixed towards a corpus word that sounds the same, never in a word jieba recognises.
import { describe, expect, it } from 'vitest';
import { Homophones, parseReadings, pinyinKeys, shippedReadings } from '../../src/text/homophones.ts';
import { Tokenizer } from '../../src/text/tokenize.ts';

const tokenizer = new Tokenizer();
const fixer = (vocabulary: string[]) =>
  new Homophones({
    readings: shippedReadings(),
    vocabulary,
    df: (w) => (vocabulary.includes(w) ? 3 : 0),
    cut: (t) => tokenizer.cutMatchForm(t),
  });

describe('Homophones', () => {
  it('reads toneless pinyin keys, every reading of a character with several', () => {
    const r = parseReadings('行\txing,hang\n长\tchang,zhang\n');
    expect(pinyinKeys('行长', r).sort()).toEqual(['hang chang', 'hang zhang', 'xing chang', 'xing zhang']);
    expect(pinyinKeys('行x', r)).toEqual([]);
  });

  it.each([
    ['离婚冷净期是多少天', '离婚冷静期是多少天'],
    ['还能要精神孙失费吗', '还能要精神损失费吗'],
    ['代写的遗嘱要几个见症人在场', '代写的遗嘱要几个见证人在场'],
  ])('fixes %s', (typed, fixed) => {
    expect(fixer(['冷静期', '精神损失费', '见证人']).fix(typed)).toBe(fixed);
  });

  it('leaves words jieba knows, function characters and windows that cut through a word', () => {
    const f = fixer(['事后', '十多', '标识', '除了']);
    for (const q of ['什么时候能领证', '法定结婚年龄是多少', '目标是多少', '结果出了问题']) expect(f.fix(q)).toBe(q);
  });

  it('never reads a pronoun as a typo: "房子她还能分" is not a collapsed house (房子塌)', () => {
    const f = fixer(['房子塌', '房屋']);
    expect(f.fix('家里的房子她还能分不')).toBe('家里的房子她还能分不');
  });

  it('changes nothing when the corpus has no word that sounds the same', () => {
    expect(fixer(['结婚登记']).fix('离婚冷净期是多少天')).toBe('离婚冷净期是多少天');
  });
});
