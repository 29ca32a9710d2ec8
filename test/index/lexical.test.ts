import { describe, expect, it } from 'vitest';
import { Bm25Builder, Bm25Index } from '../../src/index/lexical.ts';

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
    // The same bytes at an odd address (a slice of a larger buffer) read the same.
    const odd = Buffer.concat([Buffer.alloc(1), index.serialize()]).subarray(1);
    const shifted = Bm25Index.deserialize(odd);
    for (const q of [['自治'], ['七大行动', '文明']]) expect(shifted.search(q, 4)).toEqual(index.search(q, 4));
  });

  it('refuses a file that is not one of its indexes', () => {
    expect(() => Bm25Index.deserialize(Buffer.from('not an index'))).toThrow(/not a wenzheng BM25/);
  });
});

describe('Bm25Builder', () => {
  it('streams, a window of terms at a time, the bytes of the index it builds', () => {
    // Units with no tokens, a term in every unit (one window alone), tf past 0xffff, situation words, copies.
    const units = Array.from({ length: 2000 }, (_, u) => Array.from({ length: u % 11 }, (_, j) => `w${(u * 13 + j * j) % 501}`).concat(u % 4 ? ['的'] : []));
    units[5] = Array.from({ length: 70_000 }, () => '长');
    const builder = new Bm25Builder();
    units.forEach((u, i) => {
      builder.add(u, i % 7 ? [] : ['离婚', `s${i % 3}`]);
    });
    builder.addCopy(5);
    builder.addCopy(0);
    const params = { k1: 1.5, b: 0.6 };
    const whole = builder.build(params).serialize();
    // Each part copied as it comes: a part may be reused by the next.
    const written = (parts: Iterable<Uint8Array>) => Buffer.concat(Array.from(parts, (p) => Buffer.from(p)));
    for (const window of [1, 100, 1 << 18]) expect(written(builder.serializedParts(params, window)).equals(whole)).toBe(true);
    expect(written(new Bm25Builder().serializedParts()).equals(new Bm25Builder().build().serialize())).toBe(true);
  });

  it('adds a copy of a unit (addCopy) into the same index as adding its tokens again, over many terms and situation words', () => {
    // 6,000 distinct terms: past the first size of the builder's per-term counts.
    const units = Array.from({ length: 300 }, (_, u) => Array.from({ length: 40 }, (_, j) => `t${(u * 97 + j * j) % 6000}`));
    const situation = (u: number) => (u % 3 ? [] : ['离婚', '离婚', `s${u % 5}`]);
    const copies = [0, 299, 17, 299, 150];
    const again = new Bm25Builder();
    const copied = new Bm25Builder();
    units.forEach((u, i) => {
      again.add(u, situation(i));
      copied.add(u, situation(i));
    });
    for (const of of copies) {
      again.add(units[of], situation(of));
      copied.addCopy(of);
    }
    expect(copied.build().serialize().equals(again.build().serialize())).toBe(true);
    expect(() => copied.addCopy(10_000)).toThrow(/no unit/);
  });

  it('gives every posting its unit when some units have no tokens', () => {
    const units = [[], ['甲', '乙'], [], [], ['乙'], [], ['甲', '甲']];
    const builder = new Bm25Builder();
    for (const u of units) builder.add(u);
    builder.addCopy(2);
    builder.addCopy(6);
    const index = builder.build();
    expect(index.size).toBe(9);
    const holders = (t: string) => [...Array(9).keys()].filter((id) => index.contains(id, t));
    expect(holders('甲')).toEqual([1, 6, 8]);
    expect(holders('乙')).toEqual([1, 4]);
    expect(index.df('甲')).toBe(3);
  });

  it('keeps large term frequencies exact (past what a posting word holds, and past 0xffff capped there)', () => {
    const tfs = [1, 2, 126, 127, 128, 300, 70_000];
    const units = tfs.map((tf, u) => [...Array.from({ length: tf }, () => '税'), `填${u}`]);
    const builder = new Bm25Builder();
    for (const u of units) builder.add(u);
    const index = Bm25Index.deserialize(Buffer.concat(Array.from(builder.serializedParts(), (p) => Buffer.from(p))));
    const avgdl = units.reduce((n, u) => n + u.length, 0) / units.length;
    const idf = Math.log(1 + (units.length - units.length + 0.5) / (units.length + 0.5));
    const expected = (u: number) => {
      const tf = Math.min(tfs[u], 0xffff);
      return idf * ((tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * units[u].length) / avgdl)));
    };
    const hits = index.search(['税'], tfs.length);
    for (const h of hits) expect(h.score).toBeCloseTo(expected(h.id), 4);
    expect(hits).toHaveLength(tfs.length);
  });

  it('builds, one unit at a time and past its first buffer, an index whose scores are BM25 computed by hand', () => {
    // 70,000 postings: more than the builder's first buffer of 65,536, so it has to grow.
    const words = Array.from({ length: 900 }, (_, i) => `词${(i * 7919) % 997}`);
    const units = Array.from({ length: 7000 }, (_, u) => Array.from({ length: 10 + (u % 7) }, (_, j) => words[(u * 31 + j * j) % words.length]));
    const builder = new Bm25Builder();
    for (const u of units) builder.add(u);
    const index = builder.build();
    expect(index.size).toBe(7000);
    // The reference: BM25 (k1 1.2, b 0.75, Lucene's IDF) straight from the token lists.
    const avgdl = units.reduce((n, u) => n + u.length, 0) / units.length;
    const df = (t: string) => units.filter((u) => u.includes(t)).length;
    const score = (u: string[], q: string[]) =>
      q.reduce((sum, t) => {
        const tf = u.filter((x) => x === t).length;
        if (!tf) return sum;
        const idf = Math.log(1 + (units.length - df(t) + 0.5) / (df(t) + 0.5));
        return sum + idf * ((tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * u.length) / avgdl)));
      }, 0);
    for (const q of [[words[3]], [words[10], words[500]]]) {
      const hits = index.search(q, 10);
      const best = units.map((u, id) => ({ id, score: score(u, q) })).sort((a, b) => b.score - a.score || a.id - b.id);
      expect(hits.map((h) => h.id)).toEqual(best.slice(0, 10).map((b) => b.id));
      for (const [i, h] of hits.entries()) expect(h.score).toBeCloseTo(best[i].score, 4);
      expect(index.df(q[0])).toBe(df(q[0]));
    }
    // Each term's postings are in unit order: membership is found by binary search.
    expect(units.every((u, id) => u.every((t) => index.contains(id, t)))).toBe(true);
    expect(index.contains(0, '不存在')).toBe(false);
  });
});
