import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/app/app.ts';
import { copiesOf } from '../../src/app/engine.ts';
import { ingest } from '../../src/app/ingest.ts';
import type { LoadedDoc } from '../../src/corpus/load.ts';
import { Bm25Index } from '../../src/index/lexical.ts';
import { withLegs } from '../../src/measure/bench/systems.ts';
import { HybridRetriever, type RetrieverParts, subQuestions } from '../../src/retrieve/hybrid.ts';
import type { RetrieverOptions } from '../../src/retrieve/types.ts';
import { makeQuery } from '../../src/text/query.ts';
import { Tokenizer } from '../../src/text/tokenize.ts';
import type { Chunk } from '../../src/types.ts';
import { useShippedApp } from '../helpers/shipped-app.ts';
import { fixtureEngine, tempDir, testConfig } from '../helpers/shipped-index.ts';

describe('HybridRetriever on the shipped corpus', () => {
  const ctx = useShippedApp();

  it.each([
    ['什么是三治融合?', '000_30f1ad1faf6efd17.txt', '三治融合'],
    ['三治融合是什麼？', '000_30f1ad1faf6efd17.txt', '三治融合'],
    ['结婚的法定年龄是多少', '民法典-婚姻家庭编.md', '结婚年龄'],
    ['遗嘱继承和法定继承哪个优先', '民法典-继承编.md', '遗嘱'],
    ['2025年国内生产总值增长的预期目标是多少', '2025年政府工作报告.md', '国内生产总值增长5%左右'],
  ])('%s -> %s', async (question, doc, passage) => {
    const r = await ctx.app.search(question);
    expect(r.relevant).toBe(true);
    expect(r.hits[0].doc.path).toBe(doc);
    expect(r.hits.slice(0, 3).some((h) => h.chunk.text.includes(passage))).toBe(true);
  });

  it('searches a long title in book-title marks in the text: the documents quote it, so it is not missing', async () => {
    const r = await ctx.app.search('谁解读了《关于开展文明提升工程推进乡村文化振兴的实施意见》？');
    expect(r.missingDocuments).toEqual([]);
    expect(r.hits[0]?.doc.path).toBe('000_30f1ad1faf6efd17.txt');
  });

  it.each(['明天天气怎么样?', '今晚的足球比赛谁赢了', 'How do I bake bread?', '你好', '？？？'])('finds nothing relevant for %s', async (question) => {
    const r = await ctx.app.search(question);
    expect(r.relevant).toBe(false);
  });

  it('each leg alone also finds the seed passage for its own policy term', async () => {
    for (const legs of ['lexical', 'vector'] as const) {
      const r = await withLegs(ctx.app.engine.retriever, legs).retrieve(ctx.app.engine.query('七大行动指的是什么'));
      expect(r.hits[0].chunk.text).toContain('七大行動');
    }
  });

  it('scores coverage as the share of the question IDF found in a chunk', async () => {
    const r = await ctx.app.search('三治融合 足球');
    expect(r.coverage).toBeGreaterThan(0);
    expect(r.coverage).toBeLessThan(1);
  });
});

describe('copies of a passage', () => {
  it('are flagged after their first occurrence only', () => {
    const chunk = (text: string) => ({ text }) as Chunk;
    expect(copiesOf([chunk('甲。'), chunk('乙。')])).toBeUndefined();
    expect(Array.from(copiesOf([chunk('甲。'), chunk('甲。'), chunk('乙。'), chunk('甲。')])!)).toEqual([0, 1, 0, 1]);
  });

  it('never take more than one place among the hits of either leg', async () => {
    const corpus = tempDir('wz-copies-');
    try {
      const notice = '各镇要建设“数字乡村驿站”，为群众提供政务代办服务。';
      for (let i = 0; i < 8; i++) writeFileSync(join(corpus.dir, `notice-${i}.txt`), `${notice}\n`);
      writeFileSync(join(corpus.dir, 'other.txt'), '关于数字乡村建设的意见\n数字乡村驿站由县商务局统筹，电商服务站同步建设。\n');
      const config = testConfig(corpus.dir, { CORPUS_DIR: corpus.dir });
      await ingest(config, { corpusDir: config.corpusDir, indexDir: config.indexDir, mode: 'full' });
      const local = App.open(config);
      for (const legs of ['lexical', 'vector', 'hybrid'] as const) {
        const r = await withLegs(local.engine.retriever, legs).retrieve(local.engine.query('数字乡村驿站'), { topK: 5 });
        const texts = r.hits.map((h) => h.chunk.text);
        expect(new Set(texts).size, legs).toBe(texts.length);
        expect(
          texts.some((t) => t.includes('县商务局')),
          legs,
        ).toBe(true);
      }
    } finally {
      corpus.cleanup();
    }
  });
});

describe('subQuestions', () => {
  it('splits a text that asks two questions, and leaves one question whole', () => {
    expect(subQuestions('我爸去世了，没有遗嘱，三个人怎么分？分的时候要交遗产税吗？')).toEqual([
      '我爸去世了，没有遗嘱，三个人怎么分？',
      '分的时候要交遗产税吗？',
    ]);
    expect(subQuestions('离婚冷静期是多少天？')).toEqual([]);
    expect(subQuestions('真的吗？离婚冷静期是多少天？')).toEqual([]);
  });
});

describe('a question that names no year, over a series of dated reports', () => {
  const report = (year: number, target: string, extra: string): LoadedDoc => ({
    id: `${year}年政府工作报告.md`,
    path: `${year}年政府工作报告.md`,
    title: `${year}年政府工作报告`,
    text: `今年发展主要预期目标是：国内生产总值增长${target}左右。${extra}`,
    hash: String(year),
  });
  const docs = [
    report(2023, '5%', '关于经济增长目标，国家定的经济增长目标综合考虑了各方面因素，经济增长目标是必要的。'),
    report(2024, '5%', '要坚持稳中求进。'),
    report(2025, '4.5%', '经济增长预期目标为4.5%左右，综合考虑了国内外形势。'),
  ];

  it('puts the newest report first when it answers too, and keeps the named year when one is named', async () => {
    const engine = await fixtureEngine(docs);
    const now = await engine.retriever.retrieve(engine.query('国家定的经济增长目标是多少'));
    expect(now.relevant).toBe(true);
    expect(now.hits[0].doc.meta?.year).toBe(2025);
    const named = await engine.retriever.retrieve(engine.query('2023年国家定的经济增长目标是多少'));
    expect(named.hits.every((h) => h.doc.meta?.year === 2023)).toBe(true);
  });
});

describe('a list question', () => {
  const ctx = useShippedApp();

  it('is answered first by the passage that holds the list ("有下列情形之一的，婚姻无效：")', async () => {
    const r = await ctx.app.engine.retriever.retrieve(ctx.app.engine.query('哪些情形下婚姻无效？'));
    expect(r.hits[0].chunk.text).toContain('第一千零五十一条');
  });
});

describe('a question that names a year and the report', () => {
  const ctx = useShippedApp();

  it('is answered from that report with half the usual coverage: the citizen said where the answer is', async () => {
    const engine = ctx.app.engine;
    const r = await engine.retriever.retrieve(engine.query('俺家老头子天天跟邻居念叨2025年报告里说的那个超长期特别国债到底发多少'));
    expect(r.coverage).toBeLessThan(ctx.app.config.retrieve.minCoverage);
    expect(r.relevant).toBe(true);
    expect(r.hits[0].doc.meta?.year).toBe(2025);
    expect(r.hits[0].chunk.text).toContain('超长期特别国债');
  });
});

describe('a topic another law governs', () => {
  const law: LoadedDoc = {
    id: '民法典-合同编.md',
    path: '民法典-合同编.md',
    title: '中华人民共和国民法典 合同编',
    text: '第九百三十三条 委托人或者受托人可以随时解除委托合同。因解除合同造成对方损失的，除不可归责于该当事人的事由外，无偿委托合同的解除方应当赔偿因解除时间不当造成的直接损失。',
    hash: 'law',
  };
  const labour: LoadedDoc = {
    id: '劳动合同法.md',
    path: '劳动合同法.md',
    title: '中华人民共和国劳动合同法',
    text: '第三十七条 劳动者提前三十日以书面形式通知用人单位，可以解除劳动合同。劳动者在试用期内提前三日通知用人单位，可以解除劳动合同。',
    hash: 'labour',
  };
  const question = '我想辞职，要提前几天跟公司说？不提前说直接走人要赔钱吗';

  it('is refused with the law named when the corpus lacks that law, and answered when it holds it', async () => {
    const without = await fixtureEngine([law]);
    const r = await without.retriever.retrieve(without.query(question));
    expect(r.relevant).toBe(false);
    expect(r.missingDocuments).toEqual(['劳动合同法']);
    const withLaw = await fixtureEngine([law, labour]);
    const a = await withLaw.retriever.retrieve(withLaw.query(question));
    expect(a.missingDocuments).toEqual([]);
    expect(a.hits[0].doc.title).toContain('劳动合同法');
  });
});

describe('rerankByCoverage', () => {
  it('moves a passage that holds what the question asks ahead of a slightly better-scored one that holds the story', () => {
    const tokenizer = new Tokenizer();
    const passages = ['今年要千方百计稳定就业，多渠道增加居民收入。', '借款人应当按照约定的期限支付利息。'];
    const lexical = Bm25Index.build(passages.map((p) => tokenizer.tokens(p)));
    const retriever = new HybridRetriever(
      { lexical, legs: { lexical: {}, vector: {} }, tokensOf: (t: string) => tokenizer.tokensOfMatchForm(t) } as unknown as RetrieverParts,
      {} as RetrieverOptions,
    );
    const query = makeQuery('借出去的钱能要利息吗', tokenizer);
    const out = retriever.rerankByCoverage(query, [
      { id: 0, score: 1 },
      { id: 1, score: 0.9 },
    ]);
    expect(out.map((f) => f.id)).toEqual([1, 0]);
    // A clear lead in the fused score is kept.
    expect(
      retriever
        .rerankByCoverage(query, [
          { id: 0, score: 1 },
          { id: 1, score: 0.1 },
        ])
        .map((f) => f.id),
    ).toEqual([0, 1]);
  });
});
