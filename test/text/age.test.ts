// A minor's age in a question stands for the legal capacity the Civil Code ties to it.
import { describe, expect, it } from 'vitest';
import { ageExpansions } from '../../src/text/age.ts';

const terms = (q: string) => ageExpansions(q).map((e) => e.term);

describe('ageExpansions', () => {
  it('reads a child under eight as without capacity, eight to seventeen as limited', () => {
    expect(terms('孩子四岁，在幼儿园摔伤了')).toEqual(['无民事行为能力人', '未成年人']);
    expect(terms('俺孙子才十五，背着俺买了手机')).toEqual(['限制民事行为能力人', '未成年人']);
    expect(terms('那十六七岁已经出来打工的呢')).toEqual(['限制民事行为能力人', '未成年人']);
  });

  it('reads an age with marrying as a question about the marriage age', () => {
    expect(terms('儿子19岁能结婚吗')).toEqual(['结婚年龄']);
    expect(terms('我女儿22岁了能领证吗')).toEqual(['结婚年龄']);
  });

  it('adds nothing for an adult, an amount or a question without an age', () => {
    expect(terms('我爸都72岁了还能签合同吗')).toEqual([]);
    expect(terms('每月2000元的补贴怎么领')).toEqual([]);
    expect(terms('遗嘱有哪些形式')).toEqual([]);
  });
});
