import { describe, expect, it } from 'vitest';
import { markersIn } from '../../src/answer/cite.ts';
import { askedUnit, missesAmount, withClauseEnds, withTopPassage } from '../../src/answer/extractive.ts';
import { nextContext } from '../../src/app/ask.ts';
import { detectScript } from '../../src/text/normalize.ts';
import type { Answer } from '../../src/types.ts';
import { useShippedApp } from '../helpers/shipped-app.ts';

const SEED = '000_30f1ad1faf6efd17.txt';

/** Every [n] in the text has a citation, every citation is used, numbers run 1..m. */
function expectConsistentCitations(a: Answer) {
  expect(markersIn(a.answer).sort()).toEqual(a.citations.map((c) => c.n).sort());
  expect(a.citations.map((c) => c.n)).toEqual(a.citations.map((_, i) => i + 1));
}

describe('extractive answers on the shipped corpus', () => {
  const ctx = useShippedApp();

  it('answers a Simplified question in Simplified, citing the passage with 自治、法治、德治', async () => {
    const a = await ctx.app.ask('什么是三治融合?');
    expect(a.found).toBe(true);
    expect(a.source).toBe('extractive');
    expectConsistentCitations(a);
    const cited = a.citations.find((c) => c.text.includes('自治、法治、德治'));
    expect(cited).toMatchObject({ doc: SEED, paragraph: 4 });
    expect(a.answer).toContain('积极探索自治、法治、德治“三治融合”新路径');
    expect(detectScript(a.answer)).toBe('simplified');
    // The citation quotes the original (Traditional) text, without pinyin annotations.
    expect(cited!.text).toContain('積極探索');
    expect(cited!.text).not.toMatch(/\([a-zāáǎàēéěèīíǐìōóǒòūúǔù]+\)/);
  });

  it('answers a Traditional question about a Simplified document in Traditional', async () => {
    const a = await ctx.app.ask('法定結婚年齡是多少？');
    expect(a.found).toBe(true);
    expect(a.citations[0].doc).toBe('民法典-婚姻家庭编.md');
    expect(a.citations.some((c) => c.text.includes('男不得早于二十二周岁'))).toBe(true);
    expect(a.answer).toContain('結婚年齡，男不得早於二十二');
    expect(detectScript(a.answer)).toBe('traditional');
  });

  it('frames an English question in English around the Chinese quote', async () => {
    const a = await ctx.app.ask('what is 三治融合');
    expect(a.found).toBe(true);
    expect(a.register.lang).toBe('en');
    expect(a.answer).toMatch(/^The documents say/);
    expect(a.citations.some((c) => c.doc === SEED && c.text.includes('自治、法治、德治'))).toBe(true);
  });

  it('lists the seven actions when asked what 七大行动 are', async () => {
    const a = await ctx.app.ask('七大行動指的是什麼?');
    expect(a.found).toBe(true);
    expect(a.answer).toContain('主流價值培育行動');
    expect(a.answer).toContain('人居環境整治行動');
  });

  it('answers "what conditions" with the list of conditions, not with a rule that mentions the people concerned', async () => {
    const a = await ctx.app.ask('想收养一个小孩，收养人要符合什么条件？');
    expect(a.found).toBe(true);
    expect(a.answer).toContain('收养人应当同时具备下列条件');
    expect(a.answer).toContain('无子女或者只有一名子女');
    expect(a.citations[0].text).toContain('同时具备下列条件');
  });

  it("labels the quote with its report's year when asked which year, though it comes from one report", async () => {
    const asked = await ctx.app.ask('超长期特别国债是哪一年说要发行的？');
    expect(asked.found).toBe(true);
    expect(asked.answer).toContain('【2025年】');
    const notAsked = await ctx.app.ask('超长期特别国债要发行多少？');
    expect(notAsked.answer).not.toContain('【2025年】');
  });

  it('never repeats a sentence, even when overlapping chunks both contain it', async () => {
    for (const q of ['继承人的顺序是怎样的', '2025年发展主要预期目标', '文明提升工程']) {
      const a = await ctx.app.ask(q);
      const lines = a.answer.split('\n').slice(1);
      const sentences = lines.flatMap((l) => l.replace(/\[\d+\]$/, '').split(/(?<=[。；！？])/)).filter(Boolean);
      expect(new Set(sentences).size).toBe(sentences.length);
      expectConsistentCitations(a);
    }
  });

  it('refuses with the fixed reply, naming the collections it covers, when nothing relevant is found', async () => {
    const a = await ctx.app.ask('明天天气怎么样?');
    expect(a.found).toBe(false);
    expect(a.source).toBe('refusal');
    expect(a.citations).toEqual([]);
    expect(a.answer).toContain('没有找到');
    expect(a.answer).toMatch(/目前收录：.*民法典 \d 编/);
    expect(a.answer).toContain('国务院政府工作报告 2025 年 1 份');
    const en = await ctx.app.ask('What will the weather be like tomorrow?');
    expect(en.answer).toMatch(/^Sorry, the documents I have do not answer/);
  });

  it('answers an English question with no Chinese in it through the offline English bridge', async () => {
    const a = await ctx.app.ask('What is the legal age to marry?');
    expect(a.found).toBe(true);
    expect(a.citations[0].passage).toContain('结婚年龄');
    expect(a.answer).toMatch(/^The documents say/);
  });

  it('uses the previous question to understand a follow-up', async () => {
    const alone = await ctx.app.ask('它包括哪些方面?');
    expect(alone.found).toBe(false);
    const follow = await ctx.app.ask('它包括哪些方面?', { previousQuestion: '什么是三治融合?' });
    expect(follow.found).toBe(true);
    expect(follow.citations[0].doc).toBe(SEED);
  });

  it('keeps the topic across two follow-ups in a row', async () => {
    let context = nextContext(undefined, '什么是三治融合?', await ctx.app.ask('什么是三治融合?'));
    const first = await ctx.app.ask('它包括哪些方面?', { previousQuestion: context });
    context = nextContext(context, '它包括哪些方面?', first);
    expect(context).toBe('什么是三治融合?');
    const second = await ctx.app.ask('这个是在什么会议上提出的?', { previousQuestion: context });
    expect(second.found).toBe(true);
    expect(second.citations[0].doc).toBe(SEED);
  });

  it('remembers a new topic, and nothing from an unanswered question', () => {
    expect(nextContext('什么是三治融合?', '结婚年龄是多少?', { found: true })).toBe('结婚年龄是多少?');
    expect(nextContext('什么是三治融合?', '明天天气怎么样?', { found: false })).toBe('什么是三治融合?');
    expect(nextContext(undefined, '它是什么?', { found: true })).toBe('它是什么?');
  });

  it('asks for a question when given only whitespace', async () => {
    const a = await ctx.app.ask('   ');
    expect(a.found).toBe(false);
    expect(a.answer).toContain('请输入');
  });
});

describe('an amount in the unit asked for', () => {
  it.each([
    ['私家车的交强险一年要交多少钱', '机动车发生交通事故造成损害的，先由承保机动车强制保险的保险人在强制保险责任限额范围内予以赔偿。', true],
    ['私家车的交强险一年要交多少钱', '家庭自用汽车交强险基础保费为950元。', false],
    ['离婚冷静期是多少天', '自婚姻登记机关收到离婚登记申请之日起三十日内，任何一方不愿意离婚的，可以撤回申请。', false],
    ['国庆节高速公路免费通行几天', '高速公路6700多公里、农村公路29万公里。', true],
    ['加班费应该按工资的几倍算', '今年居民消费价格涨幅3%左右。', true],
    ['法定结婚年龄是几岁', '结婚年龄，男不得早于二十二周岁，女不得早于二十周岁。', false],
    ['赤字率定的多少', '今年赤字率拟按4%左右安排。', false],
    ['配偶属于第几顺序继承人', '遗产按照下列顺序继承：第一顺序：配偶、子女、父母。', false],
    ['契税是百分之几', '当事人签订买卖房屋的协议，可以向登记机构申请预告登记。', true],
    ['诉讼时效是多久', '向人民法院请求保护民事权利的诉讼时效期间为三年。', false],
    ['试用期最长能约定多久', '试用买卖的当事人可以约定标的物的试用期限。第六百三十八条', true],
    // "那几年" and "那几个字" point at years and words; they do not ask how many.
    ['我妈走之前那几年一直是我照顾她，我能多分点吗', '对被继承人尽了主要扶养义务的继承人，分配遗产时，可以多分。', false],
    ['干部作风那几个字是啥来着', '大力倡导“勤快严实精细廉”的工作作风。', false],
    // A round number in a story ("十几万", "几百块") asks for nothing; "几十" after a question word still asks.
    ['我老公在外面借了十几万网贷，我需要帮他还吗', '夫妻一方在婚姻关系存续期间以个人名义超出家庭日常生活需要所负的债务，不属于夫妻共同债务。', false],
    ['修个手机花了几百块，坏了还能找他吗', '承揽人交付的工作成果不符合质量要求的，定作人可以请求承揽人承担修理、重作。', false],
    // A yes/no question that uses an amount word in its story ("出门几天") asks whether, not how much; near its end the
    // amount is still asked ("能休几天吗").
    ['帮邻居看着他的电动车他出门几天结果车在我家楼下被偷了我又没收他钱我要赔吗', '无偿保管人证明自己没有故意或者重大过失的，不承担赔偿责任。', false],
    ['婚假能休几天吗', '完成结婚登记，即确立婚姻关系。', true],
    // Two questions, one not about an amount: the amount alone does not refuse the answer to the other.
    ['现在我能问他要利息吗？去法院起诉得交多少诉讼费？', '借款合同对支付利息没有约定的，视为没有利息。', false],
    ['结婚年龄是多少？离婚冷静期多少天？', '完成结婚登记，即确立婚姻关系。', true],
    ['电热水壶用了没几次就炸了，能找超市赔吗', '因产品存在缺陷造成他人损害的，被侵权人可以向产品的销售者请求赔偿。', false],
    // The amount must be said of the question's topic, and a rate is answered by a percentage.
    ['延迟退休以后我到底几岁能退', '结婚年龄，男不得早于二十二周岁，女不得早于二十周岁。', true],
    ['房贷利率现在降到多少了', '下调住房贷款利率和首付比例，居民存量房贷利息年支出减少约1500亿元。', true],
    ['今年赤字率定的多少', '今年赤字率拟按4%左右安排。', false],
    // A word that holds a numeral (统一, 一道) and a quoted slogan ("三个代表") are no amount.
    ['上一年闹非典经济还涨了多少', '面对非典疫情，各级政府和全国各族人民一道，以“三个代表”重要思想为指导，统一调度人力物力，迎难而上。', true],
    ['定金最多能收多少', '定金的数额由当事人约定；但是，不得超过主合同标的额的百分之二十。', false],
    // What one buyer gets is not answered by a national total.
    ['以旧换新买一台空调国家能补多少钱', '安排超长期特别国债3000亿元支持消费品以旧换新。', true],
    ['以旧换新买一台空调国家能补多少钱', '以旧换新购买空调每台最高补贴2000元。', false],
    ['国家给以旧换新安排了多少钱', '安排超长期特别国债3000亿元支持消费品以旧换新。', false],
  ])('%s, answered by "%s": misses the amount = %s', (question, sentence, misses) => {
    expect(missesAmount(question, [{ text: sentence }])).toBe(misses);
  });

  it('counts the document words of the everyday words as the topic', () => {
    expect(missesAmount('2024年物价目标是多少', [{ text: '居民消费价格涨幅3%左右。' }])).toBe(true);
    expect(missesAmount('2024年物价目标是多少', [{ text: '居民消费价格涨幅3%左右。' }], ['居民消费价格'])).toBe(false);
    expect(missesAmount('上一年闹非典经济涨了多少', [{ text: '国内生产总值比上年增长9.1%。' }], ['国内生产总值'])).toBe(false);
    // Named in the sentence just before the figure ("———经济快速发展。国内生产总值比上年增长9.1%").
    expect(missesAmount('上一年闹非典经济涨了多少', [{ text: '国内生产总值比上年增长9.1%。' }])).toBe(true);
    expect(missesAmount('上一年闹非典经济涨了多少', [{ text: '国内生产总值比上年增长9.1%。', before: '———经济快速发展。' }])).toBe(false);
  });

  it('takes any number when the question names no unit', () => {
    expect(askedUnit('2015年GDP增长目标是多少')).toBeUndefined();
  });
});

describe('withClauseEnds', () => {
  const hit = (text: string, kind: 'law' | 'work-report') =>
    ({ chunk: { text }, doc: { meta: { kind } } }) as unknown as Parameters<typeof withClauseEnds>[1][number];
  const rule = '第一千零八十七条 离婚时，夫妻的共同财产由双方协议处理；协议不成的，由人民法院根据财产的具体情况判决。对方不得侵害。';

  it("reads a law's rule split by a semicolon to its full stop, and no further", () => {
    const first = { hitIndex: 0, start: 0, text: '第一千零八十七条 离婚时，夫妻的共同财产由双方协议处理；', tokens: new Set<string>(), score: 1 };
    const out = withClauseEnds([first], [hit(rule, 'law')]);
    expect(out.map((c) => c.text).join('')).toBe('第一千零八十七条 离婚时，夫妻的共同财产由双方协议处理；协议不成的，由人民法院根据财产的具体情况判决。');
  });

  it("leaves a report's list of targets to the item asked about", () => {
    const targets = '国内生产总值增长5%左右；城镇新增就业1200万人以上；居民消费价格涨幅2%左右。';
    const first = { hitIndex: 0, start: 0, text: '国内生产总值增长5%左右；', tokens: new Set<string>(), score: 1 };
    expect(withClauseEnds([first], [hit(targets, 'work-report')])).toHaveLength(1);
  });
});

describe('withTopPassage', () => {
  const c = (hitIndex: number, score: number, text = `s${hitIndex}`) => ({ hitIndex, start: 0, text, tokens: new Set<string>(), score });

  it('quotes the passage retrieval ranked first when its best sentence scores at least half the best', () => {
    const scored = [c(1, 0.27), c(0, 0.22), c(1, 0.2)];
    expect(withTopPassage([scored[0]], scored).map((x) => x.hitIndex)).toEqual([0, 1]);
  });

  it('leaves the choice alone when it already quotes the top passage, or the top passage scores far lower', () => {
    const quoted = [c(0, 0.3), c(1, 0.25)];
    expect(withTopPassage(quoted, quoted)).toEqual(quoted);
    const far = [c(1, 0.5), c(0, 0.2)];
    expect(withTopPassage([far[0]], far).map((x) => x.hitIndex)).toEqual([1]);
    expect(withTopPassage([], far)).toEqual([]);
  });
});
