import { describe, expect, it } from 'vitest';
import { Fts5Index, queryRuns, trigramQuery } from '../../../src/measure/bench/fts5.ts';

describe('the FTS5 trigram query', () => {
  it('cuts the folded question at punctuation and ORs its distinct trigrams', () => {
    expect(queryRuns('什麼是「三治融合」？')).toEqual(['什么是', '三治融合']);
    expect(trigramQuery(['三治融合', '治融合'])).toBe('"三治融" OR "治融合"');
  });

  it('has nothing to match when no run reaches three characters', () => {
    expect(trigramQuery(['婚姻', '法'])).toBeUndefined();
  });
});

describe('Fts5Index', () => {
  const texts = [
    '结婚年龄，男不得早于二十二周岁，女不得早于二十周岁。',
    '禁止家庭暴力。禁止家庭成员间的虐待和遗弃。',
    '遗产是自然人死亡时遗留的个人合法财产。',
  ];
  const index = Fts5Index.build(texts);

  it('ranks the chunk that shares the most trigrams first, for a Traditional question too', () => {
    expect(index.search('法定結婚年齡是多少', 3)[0].id).toBe(0);
    expect(index.search('遺產是什麼', 3)[0].id).toBe(2);
  });

  it('answers a question of short terms by LIKE, and counts it', () => {
    const hits = index.search('家庭 暴力', 3);
    expect(hits.map((h) => h.id)).toEqual([1]);
    expect(index.likeFallbacks).toBe(1);
  });
});
