import { describe, expect, it } from 'vitest';
import { Bm25Index } from '../../src/index/lexical.ts';

const docs = [
  ['三治融合', '自治', '法治', '德治', '路径'],
  ['七大行动', '文明', '城市'],
  ['自治', '村规民约', '自治'],
  ['天气', '预报'],
];

describe('Bm25Index', () => {
  const index = Bm25Index.build(docs);

  it('ranks the unit with the rare matching term first', () => {
    const hits = index.search(['三治融合'], 3);
    expect(hits.map((h) => h.id)).toEqual([0]);
    expect(index.search(['自治'], 3).map((h) => h.id)).toEqual([2, 0]); // tf 2 in a short unit beats tf 1
  });

  it('gives rarer terms a higher IDF and unknown terms the highest', () => {
    expect(index.idf('三治融合')).toBeGreaterThan(index.idf('自治'));
    expect(index.idf('不存在')).toBeGreaterThan(index.idf('三治融合'));
    expect(index.df('自治')).toBe(2);
  });

  it('knows which unit contains which term', () => {
    expect(index.contains(0, '德治')).toBe(true);
    expect(index.contains(1, '德治')).toBe(false);
    expect(index.contains(3, '没有')).toBe(false);
  });

  it('returns nothing for terms it has never seen', () => {
    expect(index.search(['月亮'], 5)).toEqual([]);
  });

  it('survives a serialize/deserialize round trip unchanged', () => {
    const copy = Bm25Index.deserialize(index.serialize());
    expect(copy.size).toBe(index.size);
    for (const q of [['自治'], ['七大行动', '文明'], ['天气', '自治']]) expect(copy.search(q, 4)).toEqual(index.search(q, 4));
  });

  it('refuses a file that is not one of its indexes', () => {
    expect(() => Bm25Index.deserialize(Buffer.from('not an index'))).toThrow(/not a wenzheng BM25/);
  });
});
