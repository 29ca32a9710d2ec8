import { describe, expect, it } from 'vitest';
import { definesSubject, definitionSubject } from '../../src/retrieve/definition.ts';
import { demoteDefinitions, isDefiningArticle, preferDefinitions } from '../../src/retrieve/hybrid.ts';
import { matchForm } from '../../src/text/normalize.ts';
import type { Chunk } from '../../src/types.ts';

describe('definition questions', () => {
  it.each([
    ['什么是三治融合?', '三治融合'],
    ['三治融合是什么？', '三治融合'],
    ['遺產是什麼？', '遗产'],
    ['七大行动指的是什么', '七大行动'],
    ['请问什么叫“法律明白人”？', '法律明白人'],
    ['what is 三治融合', '三治融合'],
    ['What are 七大行动?', '七大行动'],
  ])('%s asks what %s is', (q, subject) => expect(definitionSubject(matchForm(q))).toBe(subject));

  it.each(['结婚年龄是多少', '陸特和漢斯雷頓開創了哪一地區對梵語的學術研究？', 'what is the weather', '第二顺序继承人有哪些？'])(
    '%s is not a definition question',
    (q) => expect(definitionSubject(matchForm(q))).toBeUndefined(),
  );

  it('recognises a passage that defines the subject, in either script', () => {
    expect(definesSubject('第一千一百二十二条 遺產是自然人死亡時遺留的個人合法財產。', '遗产')).toBe(true);
    expect(definesSubject('積極探索自治、法治、德治“三治融合”新路徑', '三治融合')).toBe(true);
    expect(definesSubject('分割遗产，应当清偿被继承人依法应当缴纳的税款', '遗产')).toBe(false);
  });

  it('moves defining passages first and keeps the order of the rest', () => {
    const chunk = (text: string) => ({ text }) as Chunk;
    const chunks = [chunk('分割遗产，应当清偿税款。'), chunk('遗产的分割应当有利于生产和生活需要。'), chunk('遗产是自然人死亡时遗留的个人合法财产。')];
    const fused = [{ id: 0 }, { id: 1 }, { id: 2 }];
    expect(preferDefinitions({ matchText: matchForm('什么是遗产？') }, fused, chunks).map((f) => f.id)).toEqual([2, 0, 1]);
    expect(preferDefinitions({ matchText: matchForm('遗产怎么分割？') }, fused, chunks)).toBe(fused);
  });

  it('moves an article that only defines a contract below a close one for a situation question, not for a definition question', () => {
    const chunk = (text: string) => ({ text }) as Chunk;
    const chunks = [
      chunk('第十二章  借款合同 第六百六十七条 借款合同是借款人向贷款人借款，到期返还借款并支付利息的合同。'),
      chunk('第六百八十条 借款合同对支付利息没有约定的，视为没有利息。'),
    ];
    const fused = [
      { id: 0, score: 1 },
      { id: 1, score: 0.9 },
    ];
    const defining = (id: number) => isDefiningArticle(chunks[id].text);
    expect(defining(0)).toBe(true);
    expect(defining(1)).toBe(false);
    expect(demoteDefinitions({ matchText: matchForm('借条上没写利息，我能要利息吗') }, fused, defining).map((f) => f.id)).toEqual([1, 0]);
    expect(demoteDefinitions({ matchText: matchForm('借款合同是什么') }, fused, defining)).toBe(fused);
  });
});
