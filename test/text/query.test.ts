import { describe, expect, it } from 'vitest';
import { docMetadata } from '../../src/corpus/metadata.ts';
import { buildEnglishIndex, EnglishBridge } from '../../src/text/english.ts';
import { Lexicon } from '../../src/text/lexicon.ts';
import { makeQuery } from '../../src/text/query.ts';
import { Tokenizer } from '../../src/text/tokenize.ts';

describe('makeQuery', () => {
  const tokenizer = new Tokenizer(['三治融合']);

  it('reads a Traditional, full-width question once: matching form, tokens, terms and register', () => {
    const q = makeQuery('什麼是“三治融合”？', tokenizer);
    expect(q.text).toBe('什麼是“三治融合”？');
    expect(q.matchText).toBe('什么是“三治融合”?');
    expect(q.tokens).toContain('三治融合');
    expect(q.terms.map((t) => t.term)).toEqual(['三治融合']);
    expect(q.register).toEqual({ lang: 'zh', script: 'traditional' });
  });

  it('knows an English question that names a Chinese term', () => {
    const q = makeQuery('What is 三治融合?', tokenizer);
    expect(q.register.lang).toBe('en');
    expect(q.tokens).toContain('三治融合');
  });

  it('keeps the register it is given, for a rewritten question', () => {
    const q = makeQuery('三治融合是什么', tokenizer, { lang: 'en', script: 'simplified' });
    expect(q.register).toEqual({ lang: 'en', script: 'simplified' });
  });
});

describe('everyday words of one character', () => {
  const tokenizer = new Tokenizer();
  const lexicon = Lexicon.load();
  const terms = (q: string) => makeQuery(q, tokenizer, undefined, { lexicon }).expansions.map((e) => e.term);

  it('expand only as words of their own: 撞 in 被车撞了 is a collision, inside 撞倒 at a ball game it is not', () => {
    expect(terms('晚上被车撞了，司机跑了')).toContain('交通事故');
    expect(terms('打篮球的时候被对面的人撞倒了，能让他赔吗')).not.toContain('交通事故');
    expect(terms('打篮球的时候被对面的人撞倒了，能让他赔吗')).toContain('文体活动');
  });
});

describe('English words the documents lack', () => {
  const tokenizer = new Tokenizer();
  const bridge = new EnglishBridge({
    index: buildEnglishIndex([
      ['護照', '护照', 'hu4 zhao4', 'passport'],
      ['潮濕', '潮湿', 'chao2 shi1', ['damp', 'wet']],
    ]),
  });
  const missing = (q: string) => makeQuery(q, tokenizer, undefined, { english: () => bridge, known: () => false }).englishMissing;

  it('are a missing topic when the dictionary’s Chinese for them is a noun, not when it describes the story', () => {
    expect(missing('How do I renew my passport?')).toContain('passport');
    expect(missing('I slipped on a wet floor')).not.toContain('wet');
  });
});

describe('a child’s age', () => {
  const tokenizer = new Tokenizer();
  const doc = (title: string, path: string) => ({ id: title, title, meta: docMetadata({ path, title }) });
  const catalog = [doc('2022年中华人民共和国国务院政府工作报告', 'r.jsonl'), doc('中华人民共和国民法典 总则', 'civil-code/总则.md')];
  const terms = (q: string) => makeQuery(q, tokenizer, undefined, { catalog }).expansions.map((e) => e.term);

  it('stands for legal capacity in a question the laws answer, and is only the story in one about a year’s report', () => {
    expect(terms('孩子四岁，在幼儿园摔伤了')).toContain('无民事行为能力人');
    expect(terms('孩子一岁半，2022年不是说带孩子的钱能从个税里扣吗')).not.toContain('无民事行为能力人');
  });
});
