// Topics governed by laws the corpus does not hold: read from lexicon/outside.tsv.
import { describe, expect, it } from 'vitest';
import { LexiconFileError } from '../../src/text/lexicon.ts';
import { OutsideTopics, parseOutside, shippedOutsideTopics } from '../../src/text/outside.ts';

describe('outside topics', () => {
  it('finds the words a question names, longest first, with the law that governs each', () => {
    const t = new OutsideTopics(parseOutside('# labour\n辞职\t劳动合同法\n劳动仲裁\t劳动争议调解仲裁法\n仲裁\t仲裁法\n', 'o.tsv'));
    expect(t.in('辞职要提前几天说')).toEqual([{ word: '辞职', law: '劳动合同法' }]);
    expect(t.in('劳动仲裁的时效是多长').map((o) => o.word)).toEqual(['劳动仲裁', '仲裁']);
    expect(t.in('结婚年龄是多少')).toEqual([]);
  });

  it('names the file and line of a bad entry', () => {
    expect(() => parseOutside('辞职\n', 'o.tsv')).toThrow(/o\.tsv:1: expected two/);
    expect(() => parseOutside('辞职\t劳动合同法\n辞职\t劳动法\n', 'o.tsv')).toThrow(LexiconFileError);
  });

  it('ships the labour, social insurance, traffic and identity topics citizens ask about most', () => {
    const shipped = shippedOutsideTopics();
    for (const w of ['辞职', '试用期', '加班费', '工伤', '劳动仲裁', '公积金', '酒驾', '护照', 'annual leave']) expect(shipped.in(w).length).toBeGreaterThan(0);
    // A province's own targets are in its own report, which the national corpus does not hold.
    expect(shipped.in('陕西省今年定的gdp增长目标是多少').map((o) => o.law)).toEqual(['陕西省政府工作报告']);
  });
});
