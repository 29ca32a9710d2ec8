import { describe, expect, it } from 'vitest';
import { decodeIdf, encodeIdf } from '../../../src/index/embeddings/create.ts';
import { features, HashEmbeddings, IDF_BUCKETS } from '../../../src/index/embeddings/hash.ts';

const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i], 0);

describe('HashEmbeddings', () => {
  const corpus = [
    '要創新基層治理模式,積極探索自治、法治、德治“三治融合”新路徑。',
    '聚力創建省級文明城市。',
    '禁止重婚。禁止家庭暴力。',
    '结婚年龄，男不得早于二十二周岁。',
  ];
  const emb = new HashEmbeddings({ dim: 256 });
  emb.fit(corpus);

  it('is L2-normalized, deterministic and the right dimension', async () => {
    const [a] = await emb.embedDocuments(['三治融合']);
    expect(a).toHaveLength(256);
    expect(dot(a, a)).toBeCloseTo(1, 6);
    expect(await emb.embedQuery('三治融合')).toEqual(a);
  });

  it('puts Traditional and Simplified forms of a text at the same point', async () => {
    expect(await emb.embedQuery('積極探索新路徑')).toEqual(await emb.embedQuery('积极探索新路径'));
  });

  it('ranks the passage about the question above unrelated ones', async () => {
    const q = await emb.embedQuery('什么是三治融合');
    const docs = await emb.embedDocuments(corpus);
    const scores = docs.map((d) => dot(q, d));
    expect(scores.indexOf(Math.max(...scores))).toBe(0);
  });

  it('uses character unigrams and bigrams and whole Latin words', () => {
    const f = features('德治 GDP');
    expect([...f.keys()].sort()).toEqual(['gdp', '德', '德治', '治'].sort());
  });

  it('round-trips its IDF table so a snapshot reproduces the same vectors', async () => {
    const restored = new HashEmbeddings({ dim: 256 });
    restored.setIdf(decodeIdf(encodeIdf(emb.idfTable!)));
    expect(await restored.embedQuery('文明城市')).toEqual(await emb.embedQuery('文明城市'));
  });

  it("writes a small corpus's IDF table sparse and a full one dense, and reads both back exactly", () => {
    const small = emb.idfTable!;
    const sparse = encodeIdf(small);
    expect(sparse.length).toBeLessThan(small.df.byteLength / 10);
    expect(decodeIdf(sparse)).toEqual(small);
    const full = { docs: 1e6, df: Uint32Array.from({ length: IDF_BUCKETS }, (_, i) => (1 << 21) + ((i * 2654435761) % 300000)) };
    const dense = encodeIdf(full);
    expect(dense.length).toBe(4 + IDF_BUCKETS * 4);
    expect(decodeIdf(dense)).toEqual(full);
    expect(() => decodeIdf(sparse.subarray(0, sparse.length - 1))).toThrow(/cut short|after its last/);
  });
});
