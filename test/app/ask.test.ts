// Retrieval as the ask use case does it: two questions in one are each retrieved on their own.
import { describe, expect, it } from 'vitest';
import { ExtractiveAnswerer } from '../../src/answer/extractive.ts';
import { ask, retrieveWithContext } from '../../src/app/ask.ts';
import type { LoadedDoc } from '../../src/corpus/load.ts';
import { useShippedApp } from '../helpers/shipped-app.ts';
import { fixtureEngine } from '../helpers/shipped-index.ts';

const ctx = useShippedApp();

describe('two questions in one', () => {
  it('leads with the best passage of each question the documents answer', async () => {
    const engine = ctx.app.engine;
    const r = await retrieveWithContext(engine, engine.query('法定结婚年龄是多少？遗嘱有哪些形式？'));
    expect(r.relevant).toBe(true);
    const top = r.hits.slice(0, 2).map((h) => h.chunk.text);
    expect(top.some((t) => t.includes('结婚年龄'))).toBe(true);
    expect(top.some((t) => t.includes('遗嘱'))).toBe(true);
  });

  it('keeps the part the documents do not answer from adding passages', async () => {
    const engine = ctx.app.engine;
    const r = await retrieveWithContext(engine, engine.query('法定结婚年龄是多少？怎么申请办理护照？'));
    expect(r.relevant).toBe(true);
    expect(r.hits[0].chunk.text).toContain('结婚年龄');
  });

  it('answers each question from its own passages, and the one the documents answer when the other is not', async () => {
    const engine = ctx.app.engine;
    const both = await ask(engine, new ExtractiveAnswerer(), '法定结婚年龄是多少？遗嘱有哪些形式？');
    expect(both.found).toBe(true);
    expect(both.citations.some((c) => c.text.includes('二十二周岁'))).toBe(true);
    expect(both.citations.some((c) => c.text.includes('遗嘱'))).toBe(true);
    // Asking an amount in the unanswered part ("多少钱") does not refuse the part the documents answer.
    const one = await ask(engine, new ExtractiveAnswerer(), '离婚后孩子归谁抚养？请律师打离婚官司要花多少钱？');
    expect(one.found).toBe(true);
    expect(one.citations[0].passage).toMatch(/抚养/);
  });

  it('reads a part too short to name its topic with the part before it', async () => {
    const engine = ctx.app.engine;
    const r = await retrieveWithContext(engine, engine.query('离婚后孩子跟爸爸，妈妈要付抚养费吗？要付多少？'));
    expect(r.relevant).toBe(true);
    // Alone, "要付多少" finds nothing the documents answer and drops out; read with its topic, it stays.
    expect(r.parts?.length).toBe(2);
    for (const part of r.parts ?? []) expect(part.query.matchText).toContain('抚养费');
    expect(r.hits[0].chunk.text).toContain('抚养费');
  });

  it('reads a part that names no year with the year the message names', async () => {
    const engine = ctx.app.engine;
    const r = await retrieveWithContext(engine, engine.query('2025年的报告GDP目标是多少？赤字率呢？'));
    expect(r.parts?.length).toBe(2);
    for (const part of r.parts ?? []) expect(part.query.scope.years).toEqual([2025]);
  });
});

describe('two questions in one, where the part with a figure finds none', () => {
  const tort: LoadedDoc = {
    id: '侵权责任编.md',
    path: '侵权责任编.md',
    title: '中华人民共和国民法典 侵权责任编',
    text: '第一千一百七十九条 侵害他人造成人身损害的，应当赔偿医疗费、护理费、交通费、营养费、住院伙食补助费等为治疗和康复支出的合理费用，以及因误工减少的收入。\n\n第一千二百零八条 机动车发生交通事故造成损害的，依照道路交通安全法律和本法的有关规定承担赔偿责任。',
    hash: 'tort',
  };

  it('is answered as a whole from what the documents say on the other part', async () => {
    const engine = await fixtureEngine([tort]);
    const q = '被人开车撞了住院一个多月，除了医药费还能要哪些钱？误工费按一天多少钱算？';
    const r = await retrieveWithContext(engine, engine.query(q));
    // The documents seemed to answer only the part with a figure, and they give none: the whole is answered.
    const amountPart = { ...(await engine.retriever.retrieve(engine.query('误工费按一天多少钱算？'))), relevant: true };
    const amountOnly = { ...r, parts: [amountPart] };
    const draft = await new ExtractiveAnswerer().answer({ query: engine.query(q), retrieval: amountOnly, context: engine });
    expect(draft.found).toBe(true);
    expect(draft.citations.length).toBeGreaterThan(0);
  });
});

describe('a message on a topic another law governs', () => {
  it('is refused in every part, with the law named', async () => {
    const law: LoadedDoc = {
      id: '民法典-合同编.md',
      path: '民法典-合同编.md',
      title: '中华人民共和国民法典 合同编',
      text: '第九百三十三条 委托人或者受托人可以随时解除委托合同。因解除合同造成对方损失的，无偿委托合同的解除方应当赔偿因解除时间不当造成的直接损失。\n\n第五百七十七条 当事人一方不履行合同义务的，应当承担继续履行、采取补救措施或者赔偿损失等违约责任。',
      hash: 'law',
    };
    const engine = await fixtureEngine([law]);
    const r = await retrieveWithContext(engine, engine.query('我想辞职，要提前几天跟公司说？不履行合同义务要赔偿损失吗？'));
    expect(r.relevant).toBe(false);
    expect(r.missingDocuments).toEqual(['劳动合同法']);
  });
});

describe('a continuation of the previous question', () => {
  const book = (name: string, text: string): LoadedDoc => ({ id: `${name}.md`, path: `${name}.md`, title: `中华人民共和国民法典 ${name}`, text, hash: name });
  const docs = [
    book(
      '继承编',
      '第一千一百四十二条 遗嘱人可以撤回、变更自己所立的遗嘱。立有数份遗嘱，内容相抵触的，以最后的遗嘱为准。\n\n第一千一百三十四条 自书遗嘱由遗嘱人亲笔书写，签名，注明年、月、日。',
    ),
    book(
      '物权编',
      '第二百一十七条 不动产权属证书记载的事项，应当与不动产登记簿一致；记载不一致的，以不动产登记簿为准。写了好几份证书内容不一样的，以登记簿为准。',
    ),
  ];

  it('stays in the law book the previous question was answered from', async () => {
    const engine = await fixtureEngine(docs);
    const next = '那要是写了好几份，内容还不一样，以哪份为准';
    // Alone, the continuation reads as a question about property registers…
    const alone = await retrieveWithContext(engine, engine.query(next));
    expect(alone.hits[0].doc.meta?.book).toBe('物权编');
    // …after a question on wills, it is about wills.
    const after = await retrieveWithContext(engine, engine.query(next), '自己写的遗嘱以后还能改吗');
    expect(after.hits[0].chunk.text).toContain('以最后的遗嘱为准');
  });

  it('puts the previous answer’s chapter first when its passages score close to the best', async () => {
    const engine = await fixtureEngine([
      book(
        '继承编',
        [
          '## 第三章  遗嘱继承和遗赠',
          '第一千一百三十三条 自然人可以依照本法规定立遗嘱处分个人财产。',
          '第一千一百四十四条 遗嘱继承附有义务的，继承人应当履行义务。没有正当理由不履行义务的，人民法院可以取消其接受附义务部分遗产的权利。',
          '## 第四章  遗产的处理',
          '第一千一百五十六条 遗产分割应当有利于生产和生活需要，不损害遗产的效用。房屋遗产分割时，继承人拿了房子的，应当照顾其他继承人。',
        ].join('\n\n'),
      ),
    ]);
    const next = '那要是继承人拿了遗产不照顾其他继承人呢';
    const alone = await retrieveWithContext(engine, engine.query(next));
    expect(alone.hits[0].chunk.text).toContain('第一千一百五十六条');
    const after = await retrieveWithContext(engine, engine.query(next), '我妈立的遗嘱附了条件，这种遗嘱有效吗');
    expect(after.hits[0].chunk.text).toContain('第一千一百四十四条');
  });
});

describe('a follow-up that switches the subject', () => {
  const doc = (id: string, title: string, text: string): LoadedDoc => ({ id, path: id, title, text, hash: id });
  const docs = [
    doc('r1978.txt', '1978年国务院政府工作报告', '到一九八五年，粮食产量达到八千亿斤，钢产量六千万吨。'),
    doc('civil-code/合同编.md', '中华人民共和国民法典 合同编', '第九百条 炼钢企业购买钢材的，钢材的数量由买卖双方约定，炼钢多少按照约定履行。'),
  ];

  it('keeps the collection the previous question was scoped to, not only its year', async () => {
    const engine = await fixtureEngine(docs);
    const r = await retrieveWithContext(engine, engine.query('那钢呢，要炼多少'), '七八年那会儿国家说到八五年粮食要打多少斤');
    expect(r.query.scope.kinds).toEqual(['work-report']);
    expect(r.hits[0].chunk.text).toContain('钢产量六千万吨');
  });
});

describe('questions on the years of the reports', () => {
  const report = (year: number, text: string): LoadedDoc => ({
    id: `${year}.md`,
    path: `reports/${year}.md`,
    title: `${year}年中华人民共和国国务院政府工作报告`,
    text,
    hash: String(year),
  });
  // Passages on other topics, so that the words of the questions weigh what they do in a report.
  const other = [
    '加强农田水利建设，推进高标准农田建设，提高粮食综合生产能力，稳定种粮农民收益。',
    '深化国有企业改革，完善现代企业制度，推动混合所有制改革，提高企业核心竞争力。',
    '推进生态文明建设，加强大气污染防治，持续改善空气质量，推动绿色低碳发展。',
    '加快发展现代服务业，扩大对外开放，稳定外贸外资基本盘，优化营商环境。',
  ];
  const docs = [
    report(
      2014,
      `今年经济社会发展的主要预期目标是：国内生产总值增长7.5%左右。\n\n${other[0]}\n\n研究制定渐进式延迟退休年龄政策，完善养老保险制度。\n\n${other[1]}`,
    ),
    report(
      2015,
      `今年经济社会发展的主要预期目标是：国内生产总值增长7%左右，居民消费价格涨幅3%左右。\n\n${other[2]}\n\n推进大众创业、万众创新。\n\n${other[3]}`,
    ),
    report(
      2016,
      `去年国内生产总值增长6.9%，经济增长预期目标基本实现。\n\n${other[1]}\n\n今年经济社会发展的主要预期目标是：国内生产总值增长6.5%－7%，居民消费价格涨幅3%左右。\n\n${other[2]}\n\n稳妥有序实施渐进式延迟法定退休年龄改革。`,
    ),
  ];

  it('retrieves a comparison of two named years once per year, and quotes each year’s report', async () => {
    const engine = await fixtureEngine(docs);
    const q = '经济增长目标从2015年到2016年是怎么变的';
    const r = await retrieveWithContext(engine, engine.query(q));
    expect(r.parts?.map((p) => p.query.scope.years)).toEqual([[2015], [2016]]);
    const a = await ask(engine, new ExtractiveAnswerer(), q);
    expect(a.answer).toContain('7%左右');
    expect(a.answer).toContain('6.5%－7%');
    expect(new Set(a.citations.map((c) => c.year))).toEqual(new Set([2015, 2016]));
  });

  it('answers a question about now from the newest report, and one about since when from all', async () => {
    const engine = await fixtureEngine(docs);
    const now = await retrieveWithContext(engine, engine.query('是不是真要推迟退休了'));
    expect(now.relevant).toBe(true);
    expect(now.hits.map((h) => h.doc.meta?.year)).toEqual(now.hits.map(() => 2016));
    const since = await retrieveWithContext(engine, engine.query('国家从哪年开始说要延迟退休'));
    expect(since.hits.some((h) => h.doc.meta?.year === 2014)).toBe(true);
  });
});
