import { describe, expect, it } from 'vitest';
import { clusterQuestions, overlap, topicTerms } from '../../../src/app/report/cluster.ts';
import type { GapQuestion } from '../../../src/app/report/types.ts';
import { Lexicon } from '../../../src/text/lexicon.ts';
import { Tokenizer } from '../../../src/text/tokenize.ts';

const opts = { tokenizer: new Tokenizer(), lexicon: Lexicon.load() };
let t = 0;
const q = (text: string, asker: string, why: GapQuestion['why'] = 'refused'): GapQuestion => ({ text, asker, at: ++t, why });

describe('topic terms of a gap question', () => {
  it('stand everyday words in for the document words, so different wordings meet', () => {
    const a = new Set(topicTerms('新农合一年交多少钱', opts));
    const b = new Set(topicTerms('农村医保每年交多少钱？', opts));
    expect([...a].filter((x) => b.has(x))).toContain('新型农村合作医疗');
  });

  it('leave out redaction labels, question words and one-character words', () => {
    const terms = topicTerms('我的[手机号]能查社保吗', opts);
    expect(terms.join(' ')).not.toMatch(/手机号|吗|的/);
    expect(terms).toContain('社会保险');
  });

  it('without a lexicon are the words themselves', () => {
    expect(topicTerms('驾照到期了怎么换证', { tokenizer: opts.tokenizer })).toEqual(['驾照', '到期', '换证']);
  });
});

describe('clusters of gap questions', () => {
  const gaps = [
    q('新农合一年交多少钱', 'u1'),
    q('农村医保每年交多少钱？', 'u2'),
    q('新农合缴费标准是多少', 'u3'),
    q('养狗要办证吗', 'u4'),
    q('养狗要办证吗', 'u4'),
    q('村里养狗需要登记吗', 'u5'),
    q('驾照到期了怎么换证', 'u6', 'downvoted'),
  ];

  it('group differently worded questions about one topic, and keep other topics apart', () => {
    const clusters = clusterQuestions(gaps, opts);
    expect(clusters).toHaveLength(3);
    expect(clusters[0].examples).toEqual(expect.arrayContaining(['新农合一年交多少钱', '农村医保每年交多少钱？', '新农合缴费标准是多少']));
    expect(clusters[0].terms[0]).toBe('新型农村合作医疗');
    expect(clusters[1].terms).toEqual(expect.arrayContaining(['饲养的动物']));
  });

  it('rank by distinct askers, not by how often one person asked', () => {
    const clusters = clusterQuestions([...gaps, q('养狗要办证吗', 'u4'), q('养狗要办证吗', 'u4')], opts);
    expect(clusters.map((c) => c.users)).toEqual([3, 2, 1]);
    expect(clusters[1].refused).toBe(5);
    expect(clusters[1].examples).toEqual(['养狗要办证吗', '村里养狗需要登记吗']);
  });

  it('do not depend on the order of the log', () => {
    const forward = clusterQuestions(gaps, opts).map((c) => [...c.examples].sort());
    const backward = clusterQuestions([...gaps].reverse(), opts).map((c) => [...c.examples].sort());
    expect(backward).toEqual(forward);
  });

  it('count 👎 answers apart from refusals', () => {
    const c = clusterQuestions(gaps, opts).find((x) => x.examples.includes('驾照到期了怎么换证'))!;
    expect(c).toMatchObject({ downvoted: 1, refused: 0, users: 1 });
  });

  it('do not join questions that share only a general word, when words are weighted by how specific they are', () => {
    const two = [q('签证怎么申请', 'u1'), q('护照怎么申请', 'u2')];
    expect(clusterQuestions(two, opts)).toHaveLength(1);
    expect(clusterQuestions(two, { ...opts, weight: (w) => (w === '申请' ? 0.1 : 1) })).toHaveLength(2);
  });

  it('ignore politeness and urgency words', () => {
    expect(clusterQuestions([q('驾照，谢谢', 'u1'), q('护照，谢谢', 'u2')], opts)).toHaveLength(2);
  });

  it('measure overlap against the smaller set', () => {
    expect(overlap(new Set(['a', 'b']), new Set(['a', 'c', 'd', 'e']))).toBe(0.5);
    expect(overlap(new Set(), new Set(['a']))).toBe(0);
    expect(overlap(new Set(['a', 'b']), new Set(['a', 'c']), (t) => (t === 'a' ? 3 : 1))).toBe(0.75);
  });
});

describe('the /gaps message', () => {
  it('lists the top topics with their askers and an example, and the withdrawn curated answers', async () => {
    const { renderGapsText } = await import('../../../src/app/report/text.ts');
    const clusters = clusterQuestions([q('新农合一年交多少钱', 'u1'), q('新农合缴费标准是多少', 'u2'), q('养狗要办证吗', 'u3')], opts).map((c) => ({
      ...c,
      near: [],
    }));
    const totals = { answered: 3, refused: 3, 'rate-limited': 0, error: 0, questions: 6, users: 3, up: 0, down: 0 };
    const text = renderGapsText({
      generatedAt: '2026-03-15T00:00:00Z',
      sinceDay: '2026-03-01',
      days: 14,
      snapshot: 's',
      totals,
      refusalRate: 0.5,
      perDay: [],
      topDocs: [],
      latency: { count: 0, p50: 0, p90: 0, p99: 0, max: 0, buckets: [] },
      clusters,
      stale: [{ file: 'a.md', question: 'q', reasons: ['r'] }],
      purged: 0,
      retentionDays: 90,
    });
    expect(text).toMatch(/^近14天：6个问题，3人；未能回答3个（50%）/);
    expect(text).toContain('1. 新型农村合作医疗');
    expect(text).toContain('— 2人');
    expect(text).toContain('已撤下的精选答案：a.md');
  });
});
