import { describe, expect, it } from 'vitest';
import { DEFAULT_EXTRACTIVE, questionWeights, scoreSentences, withListItems, withWholeArticle } from '../../src/answer/extractive.ts';
import { Bm25Index } from '../../src/index/lexical.ts';
import { makeQuery } from '../../src/text/query.ts';
import { Tokenizer } from '../../src/text/tokenize.ts';
import type { Hit } from '../../src/types.ts';

const text = [
  '第一千零五十一条 有下列情形之一的，婚姻无效：',
  '（一）重婚；',
  '（二）有禁止结婚的亲属关系；',
  '（三）未到法定婚龄。',
  '第一千零五十二条 因胁迫结婚的，受胁迫的一方可以向人民法院请求撤销婚姻。',
].join('\n');
const hits = [{ chunk: { text } }];
const opener = (t: string) => ({ hitIndex: 0, start: text.indexOf(t), text: t, tokens: new Set<string>(), score: 1 });

/**
 * The sentences scoreSentences ranks, best first, for a question over `passages` as retrieval's hits (with the
 * scores given, if any), the words weighed over an index of the passages and `others`.
 */
function ranking(passages: string[], opts: { others?: string[]; scores?: number[] } = {}) {
  const tokenizer = new Tokenizer();
  const engine = { tokenizer, lexical: Bm25Index.build([...passages, ...(opts.others ?? [])].map((p) => tokenizer.tokens(p))) };
  return (question: string, scores = opts.scores) => {
    const q = makeQuery(question, tokenizer);
    const hits = passages.map((text, i) => ({ chunk: { text }, score: scores?.[i] }));
    return scoreSentences(engine, questionWeights(engine, q), hits, q.matchText).map((c) => c.text);
  };
}
// Retrieval's scores for three passages, falling with the place as they do.
const FALLING = [1, 0.9, 0.8];

describe('withListItems', () => {
  it('brings the following items of a list whose opening sentence was chosen, and stops at the list end', () => {
    const out = withListItems([opener('第一千零五十一条 有下列情形之一的，婚姻无效：\n（一）重婚；')], hits, DEFAULT_EXTRACTIVE);
    expect(out.map((c) => c.text)).toEqual([
      '第一千零五十一条 有下列情形之一的，婚姻无效：\n（一）重婚；',
      '（二）有禁止结婚的亲属关系；',
      '（三）未到法定婚龄。',
    ]);
  });

  it('leaves a sentence that opens no list alone', () => {
    const chosen = [opener('第一千零五十二条 因胁迫结婚的，受胁迫的一方可以向人民法院请求撤销婚姻。')];
    expect(withListItems(chosen, hits, DEFAULT_EXTRACTIVE)).toEqual(chosen);
  });

  it('keeps within the list budget', () => {
    const out = withListItems([opener('第一千零五十一条 有下列情形之一的，婚姻无效：\n（一）重婚；')], hits, { ...DEFAULT_EXTRACTIVE, maxListChars: 15 });
    expect(out.map((c) => c.text)).toEqual(['第一千零五十一条 有下列情形之一的，婚姻无效：\n（一）重婚；', '（二）有禁止结婚的亲属关系；']);
  });
});

describe('scoreSentences', () => {
  const rank = ranking(['婚姻无效的情形，由人民法院依法认定。', '婚姻无效的情形如下：\n（一）重婚；'], { scores: FALLING });
  const best = (question: string) => rank(question)[0];

  it('prefers the sentence that opens a list when the question asks for the members of a set', () => {
    expect(best('哪些情形下婚姻无效？')).toBe('婚姻无效的情形如下：\n（一）重婚；');
  });

  it('otherwise keeps the better-ranked passage first', () => {
    expect(best('婚姻无效的情形')).toBe('婚姻无效的情形，由人民法院依法认定。');
  });
});

describe('scoreSentences on a list of targets and on dates', () => {
  const passages = [
    '稳定就业是重要目标，要做好高校毕业生就业工作。',
    '今年发展主要预期目标是：国内生产总值增长5%左右；\n城镇新增就业1200万人以上；\n居民消费价格涨幅2%左右。',
    '香港回归是全国人民的大事。今年7月1日，香港将回归祖国。',
  ];
  const rank = ranking(passages, { scores: FALLING });
  const best = (question: string) => rank(question)[0];

  it('reads a list item with the words of the sentence that opens the list', () => {
    expect(best('就业目标是多少')).toBe('城镇新增就业1200万人以上；');
  });

  it('prefers a sentence with a date when the question asks when', () => {
    expect(best('香港哪一天回归')).toBe('今年7月1日，香港将回归祖国。');
  });
});

describe('withWholeArticle', () => {
  const article = '第一千二百四十八条 动物园的动物造成他人损害的，动物园应当承担侵权责任；但是，能够证明尽到管理职责的，不承担侵权责任。';
  const hit = (text: string, kind: 'law' | 'work-report') => ({ chunk: { text }, doc: { meta: { kind } } }) as unknown as Hit;
  const first = { hitIndex: 0, start: 0, text: '第一千二百四十八条 动物园的动物造成他人损害的，动物园应当承担侵权责任；', tokens: new Set<string>(), score: 1 };

  it('quotes a short law article whole, so a rule is not read without its exception', () => {
    const out = withWholeArticle([first], [hit(article, 'law')]);
    expect(out.map((c) => c.text).join('')).toBe(article);
  });

  it('leaves a passage of a report as chosen', () => {
    expect(withWholeArticle([first], [hit(article, 'work-report')])).toEqual([first]);
  });

  it('quotes every short article an answer quotes whole, not only the first', () => {
    const water = '第二百九十条 不动产权利人应当为相邻权利人用水、排水提供必要的便利。对自然流水的排放，应当尊重自然流向。';
    const second = {
      hitIndex: 1,
      start: 0,
      text: '第二百九十条 不动产权利人应当为相邻权利人用水、排水提供必要的便利。',
      tokens: new Set<string>(),
      score: 0.9,
    };
    const out = withWholeArticle([first, second], [hit(article, 'law'), hit(water, 'law')]);
    expect(
      out
        .filter((c) => c.hitIndex === 1)
        .map((c) => c.text)
        .join(''),
    ).toBe(water);
  });
});

describe('scoreSentences on a question whether something is allowed', () => {
  const rank = ranking(['老年人的房屋买卖情况较为复杂。无民事行为能力人实施的房屋买卖无效。']);

  it('prefers the sentence that says what the law allows', () => {
    expect(rank('老年痴呆的人卖房屋买卖算不算数')[0]).toBe('无民事行为能力人实施的房屋买卖无效。');
  });
});

describe('scoreSentences weighs a passage by how close retrieval scored it to the first', () => {
  const passages = [
    '遗嘱继承人放弃继承的，遗产按照法定继承办理。',
    '继承人放弃继承的，应当以书面形式作出放弃继承的表示。',
    '继承人放弃继承的，不因此丧失继承权。',
  ];
  // Other articles that name 继承权, so that it weighs what it does in a law: less than 放弃.
  const others = [
    '国家保护自然人的继承权。',
    '继承权纠纷提起诉讼的期限。',
    '胎儿的继承权受保护。',
    '继承权男女平等。',
    '丧失继承权的情形。',
    '继承权的行使。',
    '遗产是自然人死亡时遗留的个人合法财产。',
  ];
  const rank = ranking(passages, { others });
  const order = (scores: number[]) => rank('继承权可以放弃吗，要怎么放弃', scores);

  it('quotes the second of two near-equal passages before a distant third that has one more of the words', () => {
    const out = order([1.5, 1.45, 0.5]);
    expect(out.indexOf(passages[1])).toBeLessThan(out.indexOf(passages[2]));
  });

  it('lets the passage with more of the words lead when retrieval scored them alike', () => {
    const out = order([1.5, 1.49, 1.48]);
    expect(out.indexOf(passages[2])).toBeLessThan(out.indexOf(passages[1]));
  });
});

describe('scoreSentences on a sentence that defines a question term', () => {
  // Two passages retrieval scored alike, holding the same words of the questions: one rules on the story's case, one
  // defines the contract.
  const passages = ['借款合同对支付利息没有约定的，视为没有利息。', '借款合同是借款人向贷款人借款，到期返还借款并支付利息的合同。'];
  const rank = ranking(passages, { scores: [1, 1] });
  const best = (question: string) => rank(question)[0];

  it('leads the answer to a question that asks what the term is', () => {
    expect(best('借款合同是什么')).toBe(passages[1]);
  });

  it('does not lead the answer to a story that only uses the term', () => {
    expect(best('借款合同里没说利息，能要利息吗')).toBe(passages[0]);
  });
});
