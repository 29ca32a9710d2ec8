import { describe, expect, it } from 'vitest';
import { chineseNumber, claimNumbers, claimTerms } from '../../src/guard/facts.ts';
import { checkClaims, splitClaims, supportedAnswer } from '../../src/guard/support.ts';
import { matchForm } from '../../src/text/normalize.ts';
import { Tokenizer } from '../../src/text/tokenize.ts';

const tokenizer = new Tokenizer();
const opts = { tokenize: (s: string) => tokenizer.tokens(s), fold: matchForm };

const P1 = '县长张三主持会议。会议要求，2024年底前完成农村低保提标，月标准提高到每人650元。';
const P2 = '《中华人民共和国民法典》第一千零七十九条规定，夫妻一方要求离婚的，可以由有关组织进行调解。';
const P3 = '开展“三治融合”试点，推进自治、法治、德治相结合。';

const kept = (answer: string, passages = [P1, P2, P3]) => checkClaims(answer, passages, opts).kept.map((s) => s.claim);
const dropped = (answer: string, passages = [P1, P2, P3]) => checkClaims(answer, passages, opts).dropped;

describe('checkClaims keeps supported sentences', () => {
  it.each([
    '县长张三主持了会议 [1]',
    '农村低保月标准提高到每人650元。[1]',
    '低保提标要在2024年底前完成[1]。',
    '民法典第1079条规定，夫妻一方要求离婚的，可以由有关组织进行调解[2]。',
    '根据《中华人民共和国民法典》，离婚可以由有关组织调解 [2]',
    '文件提出开展“三治融合”试点[3]。',
    '三治融合是自治、法治、德治相结合 [3]',
    // Paraphrases keep the facts and most words: the check must not demand a verbatim copy.
    '会议要求年底前把农村低保标准提到每人650元 [1]',
    '2024年底前，农村低保月标准将提高到650元/人 [1]',
    '张三县长要求完成低保提标工作 [1]',
  ])('%s', (answer) => {
    expect(kept(answer)).toHaveLength(1);
    expect(dropped(answer)).toEqual([]);
  });

  it('a sentence citing two passages is judged against both', () => {
    expect(kept('县长张三要求开展“三治融合”试点 [1][3]')).toHaveLength(1);
  });
});

describe('checkClaims drops unsupported sentences, with the reason', () => {
  it.each([
    ['王五是省长 [1]', 'missing-fact', '王五'],
    ['县长王五主持会议 [1]', 'missing-fact', '王五'],
    ['月标准提高到每人800元 [1]', 'missing-fact', '800'],
    ['低保提标要在2025年底前完成 [1]', 'missing-fact', '2025'],
    ['民法典第1080条规定离婚调解 [2]', 'missing-fact', '1080'],
    ['依据《社会救助暂行办法》执行 [1]', 'missing-fact', '社会救助暂行办法'],
    ['文件提出“五治融合” [3]', 'missing-fact', '五治融合'],
    ['农村低保提标三年完成 [1]', 'missing-fact', '3'],
    ['医疗保险报销比例大幅提高，门诊统筹全面推开 [1]', 'unsupported-words', undefined],
    ['县长张三主持会议 [7]', 'unknown-passage', '7'],
  ])('%s -> %s', (answer, reason, missing) => {
    const d = dropped(answer);
    expect(d).toHaveLength(1);
    expect(d[0].reason).toBe(reason);
    if (missing) expect(d[0].missing).toContain(missing);
  });

  it('the right fact in the wrong passage is still unsupported', () => {
    expect(dropped('月标准提高到每人650元 [2]')[0]?.reason).toBe('missing-fact');
  });

  it('keeps the good sentences of a mixed answer and reports the others', () => {
    const r = checkClaims('县长张三主持会议。[1] 王五是省长。[1] 以上信息仅供参考。', [P1], opts);
    expect(r.kept.map((s) => s.claim)).toEqual(['县长张三主持会议。']);
    expect(r.dropped.map((d) => d.sentence.claim)).toEqual(['王五是省长。']);
    expect(r.uncited.map((s) => s.claim)).toEqual(['以上信息仅供参考。']);
  });

  it('Traditional passages are compared in the matching form', () => {
    expect(kept('县长张三主持会议 [1]', ['縣長張三主持會議。'])).toHaveLength(1);
    expect(dropped('县长王五主持会议 [1]', ['縣長張三主持會議。'])).toHaveLength(1);
  });
});

describe('splitClaims', () => {
  it('attaches a marker after the full stop to the sentence before it, and list marks to their item', () => {
    const s = splitClaims('第一句。[1][2] 第二句[3]。\n1. 第三句 [1]');
    expect(s.map((x) => [x.claim, x.cites])).toEqual([
      ['第一句。', [1, 2]],
      ['第二句。', [3]],
      ['1. 第三句', [1]],
    ]);
  });
});

describe('facts', () => {
  it.each([
    ['一千零七十九', 1079],
    ['二〇二四', 2024],
    ['十', 10],
    ['十五', 15],
    ['三万五千', 35000],
    ['两亿', 200000000],
  ])('chineseNumber(%s) = %d', (s, v) => expect(chineseNumber(s)).toBe(v));

  it('numbers that count something are facts; 一些, 统一, 十四五规划 are not', () => {
    expect(claimNumbers('第十条规定三年内完成，增长5.2%，总额1,260,582亿元')).toEqual(['5.2', '1260582', '10', '3']);
    expect(claimNumbers('统一规划一些项目，落实十四五规划，这是一个重要举措')).toEqual([]);
  });

  it('titles, quoted terms and names next to an office are facts', () => {
    expect(claimTerms('《民法典》规定“三治融合”，县长张三说GDP增长')).toEqual(['民法典', '三治融合', '张三', 'GDP']);
    expect(claimTerms('王五是省长')).toEqual(['王五']);
  });
});

describe('supportedAnswer', () => {
  it('keeps the answer as it is when every sentence is supported', () => {
    const answer = '县长张三主持了会议[1]。农村低保月标准提高到每人650元[1]。';
    expect(supportedAnswer(answer, [P1], opts)).toMatchObject({ text: answer, dropped: [] });
  });

  it('drops unsupported cited sentences and uncited claims no passage supports', () => {
    const r = supportedAnswer('县长张三主持了会议[1]。王五是省长[1]。另外李四是市长。', [P1], opts);
    expect(r.text).toBe('县长张三主持了会议[1]。');
    expect(r.kept).toHaveLength(1);
    expect(r.dropped.map((d) => d.sentence.claim)).toEqual(['王五是省长。', '另外李四是市长。']);
  });

  it('keeps an uncited sentence the given passages support', () => {
    expect(supportedAnswer('县长张三主持会议。月标准提高到每人650元[1]。', [P1], opts).dropped).toEqual([]);
  });
});
