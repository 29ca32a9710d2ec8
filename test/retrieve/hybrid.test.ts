import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distinctPassages } from '../../src/retrieve/hybrid.ts';
import type { Chunk } from '../../src/types.ts';
import { App } from '../../src/app.ts';
import { type ShippedIndex, shippedIndex } from '../helpers/shipped-index.ts';

describe('HybridRetriever on the shipped corpus', () => {
  let index: ShippedIndex;
  let app: App;
  beforeAll(async () => {
    index = await shippedIndex();
    app = App.open(index.config);
  });
  afterAll(() => index.cleanup());

  it.each([
    ['什么是三治融合?', '000_30f1ad1faf6efd17.txt', '三治融合'],
    ['三治融合是什麼？', '000_30f1ad1faf6efd17.txt', '三治融合'],
    ['结婚的法定年龄是多少', '民法典-婚姻家庭编.md', '结婚年龄'],
    ['遗嘱继承和法定继承哪个优先', '民法典-继承编.md', '遗嘱'],
    ['2025年国内生产总值增长的预期目标是多少', '2025年政府工作报告.md', '国内生产总值增长5%左右'],
  ])('%s -> %s', async (question, doc, passage) => {
    const r = await app.search(question);
    expect(r.relevant).toBe(true);
    expect(r.hits[0].doc.path).toBe(doc);
    expect(r.hits.slice(0, 3).some((h) => h.chunk.text.includes(passage))).toBe(true);
  });

  it.each(['明天天气怎么样?', '今晚的足球比赛谁赢了', 'How do I bake bread?', '你好', '？？？'])(
    'finds nothing relevant for %s',
    async (question) => {
      const r = await app.search(question);
      expect(r.relevant).toBe(false);
    },
  );

  it('each leg alone also finds the seed passage for its own policy term', async () => {
    for (const legs of ['lexical', 'vector'] as const) {
      const r = await app.engine.retriever.retrieve('七大行动指的是什么', { legs });
      expect(r.hits[0].chunk.text).toContain('七大行動');
    }
  });

  it('scores coverage as the share of the question IDF found in a chunk', async () => {
    const r = await app.search('三治融合 足球');
    expect(r.coverage).toBeGreaterThan(0);
    expect(r.coverage).toBeLessThan(1);
  });
});

describe('distinctPassages', () => {
  it('keeps the first of passages with the same text, so copies do not crowd the top k', () => {
    const chunk = (text: string) => ({ text }) as Chunk;
    const chunks = [chunk('甲。'), chunk('甲。'), chunk('乙。'), chunk('甲。'), chunk('丙。')];
    const fused = [0, 1, 2, 3, 4].map((id) => ({ id }));
    expect(distinctPassages(fused, chunks, 2).map((f) => f.id)).toEqual([0, 2]);
    expect(distinctPassages(fused, chunks, 5).map((f) => f.id)).toEqual([0, 2, 4]);
  });
});
