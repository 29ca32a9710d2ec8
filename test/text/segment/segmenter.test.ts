import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';
import { describe, expect, it } from 'vitest';
import { DictionaryError } from '../../../src/text/segment/dictionary.ts';
import { Segmenter } from '../../../src/text/segment/segmenter.ts';

// The segmenter must cut exactly as @node-rs/jieba (hmm = false) does; scripts/segmenter-parity.ts checks the
// corpora and thousands of synthetic strings, these the cases most likely to break.
const DICT = readFileSync(createRequire(import.meta.url).resolve('@node-rs/jieba/dict.txt'));
const TERMS = ['三治融合', '七大行动', '民法典', '南京市长', '婚前财产', '𠮷野家', 'AB型血', '一一'];
const termFile = (terms: string[], rest = ' 2000 n') => Buffer.from(terms.map((t) => `${t}${rest}`).join('\n') + '\n');

const TEXTS = [
  '我们中出了一个叛徒',
  '南京市长江大桥', // a user term (南京市长) against the dictionary's split
  '哈哈哈哈哈哈', // equal segmentations in different orders: ties
  '一一一一一', // the same, with a term made of the repeated character
  '中华人民共和国成立了', // search mode: 2- and 3-character words inside a long word
  'abc def123 C++ 和 c#, AT&T 3.5% x_y-z a.b', // ASCII runs: letters and digits joined, + # & . _ % - in runs
  'iPhone15Pro和4S店、T恤衫', // dictionary words with Latin letters
  '𠮷野家的牛丼𠀀𠀁讥䶯䶰𰀀丽', // outside the BMP (extension B, G), extension A, compatibility ideographs
  '👪 PS: 我觉得开源有一个好处，就是能够敦促自己不断改进 👪，避免敞帚自珍',
  '第一行\r\n第二行\r第三行\n\t\u3000结束', // \r\n is one token; other whitespace one each
  '什么是三治融合？七大行动指的是什么',
  '民法典婚前财产怎么认定AB型血',
  '\ud800孤立的代理\udfff对', // lone surrogates: N-API hands jieba U+FFFD
  '',
  '。',
  '2024年GDP增长5.2%，CPI上涨0.2%',
];

const pair = (terms?: string[]) => {
  const ours = Segmenter.withDict(DICT);
  const native = Jieba.withDict(DICT);
  if (terms) {
    ours.loadDict(termFile(terms));
    native.loadDict(termFile(terms));
  }
  return { ours, native };
};

describe('Segmenter', () => {
  const general = pair();
  const withTerms = pair(TERMS);

  it.each(TEXTS)('cuts %j as @node-rs/jieba does', (text) => {
    for (const { ours, native } of [general, withTerms]) {
      expect(ours.cut(text)).toEqual(native.cut(text, false));
      expect(ours.cutForSearch(text)).toEqual(native.cutForSearch(text, false));
      expect(ours.tag(text)).toEqual(native.tag(text, false).map(({ word, tag }) => ({ word, tag })));
    }
  });

  it('keeps user terms whole where the dictionary would split them', () => {
    expect(general.ours.cut('南京市长江大桥')).toEqual(['南京市', '长江大桥']);
    expect(withTerms.ours.cut('什么是三治融合')).toContain('三治融合');
    expect(withTerms.ours.tag('𠮷野家')).toEqual([{ word: '𠮷野家', tag: 'n' }]);
  });

  it('tags words outside the dictionary by their ASCII letters and digits', () => {
    expect(general.ours.tag('2024 abc9 ，')).toEqual([
      { word: '2024', tag: 'm' },
      { word: ' ', tag: 'x' },
      { word: 'abc9', tag: 'eng' },
      { word: ' ', tag: 'x' },
      { word: '，', tag: 'x' },
    ]);
  });
});

describe('Segmenter.loadDict', () => {
  // Small dictionaries make each rule of jieba-rs's load_dict decide the cut.
  const both = (...files: string[]) => {
    const ours = Segmenter.withDict(Buffer.from(files[0]));
    const native = Jieba.withDict(Buffer.from(files[0]));
    for (const f of files.slice(1)) {
      ours.loadDict(Buffer.from(f));
      native.loadDict(Buffer.from(f));
    }
    return { ours, native };
  };
  const agree = (files: string[], texts: string[]) => {
    const { ours, native } = both(...files);
    for (const t of texts) {
      expect(ours.cutForSearch(t)).toEqual(native.cutForSearch(t, false));
      expect(ours.tag(t)).toEqual(native.tag(t, false).map(({ word, tag }) => ({ word, tag })));
    }
    return ours;
  };

  it('overwrites the frequency of a word already present and keeps its tag', () => {
    const ours = agree(['甲乙 1 a\n乙丙 50 b\n甲 10 c\n乙 10 c\n丙 10 c\n', '甲乙 1000 z\n'], ['甲乙丙']);
    expect(ours.tag('甲乙丙')[0]).toEqual({ word: '甲乙', tag: 'a' });
    expect(ours.dictionary.total).toBe(1080);
  });

  it('takes the first tag and the last frequency of a word listed twice', () => {
    const ours = agree(['甲乙 1 a\n甲乙 900 b\n乙丙 50 b\n甲 10 c\n乙 10 c\n丙 10 c\n'], ['甲乙丙']);
    expect(ours.dictionary.frequency('甲乙')).toBe(900);
    expect(ours.tag('甲乙丙')[0].tag).toBe('a');
  });

  it('reads lines as Rust does: Unicode whitespace, no frequency as 0, no tag as "", extra fields ignored', () => {
    agree(['甲乙\u3000+30\u00a0v extra fields\r\n乙丙 7\n丙\n\n   \n甲 5 c\n乙 5 c\n丙丁 3 d\n\ufeff丁 1 e\n'], ['甲乙丙丁', '丁']);
  });

  it('gives equal scores to the longer word (Rust max_by keeps the last maximum)', () => {
    // 甲乙/丙 and 甲/乙丙 score the same: the first character takes its longer candidate.
    agree(['甲乙 10 a\n乙丙 10 a\n甲 10 a\n丙 10 a\n'], ['甲乙丙', '甲乙丙甲乙丙']);
  });

  it('accepts unsorted files, duplicates and words outside the BMP', () => {
    agree(['𠮷野 20 n\n甲 3 a\n𠮷 4 b\n野家 9 n\n甲 8 q\n'], ['𠮷野家甲', '甲𠮷']);
  });

  it('rejects a frequency that is not an unsigned integer, and text that is not UTF-8', () => {
    expect(() => Segmenter.withDict(Buffer.from('甲 -1 a\n'))).toThrow(DictionaryError);
    expect(() => Segmenter.withDict(Buffer.from('甲 1.5 a\n'))).toThrow(/line 1: frequency 1.5/);
    expect(() => Segmenter.withDict(Buffer.from([0xe7, 0x94, 0x20, 0x31]))).toThrow(/UTF-8/);
    expect(() => Jieba.withDict(Buffer.from('甲 -1 a\n'))).toThrow();
  });

  it('builds arrays of exactly the trie it holds', () => {
    const dict = Segmenter.withDict(DICT).dictionary;
    expect(dict.words).toBe(349045);
    expect(dict.nodeCount).toBe(498114);
    expect(dict.byteLength).toBeLessThan(7 * 2 ** 20);
  });
});
