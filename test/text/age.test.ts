// A minor's age in a question stands for the legal capacity the Civil Code ties to it.
import { describe, expect, it } from 'vitest';
import { ageExpansions } from '../../src/text/age.ts';

const terms = (q: string) => ageExpansions(q).map((e) => e.term);

describe('ageExpansions', () => {
  it('reads a child under eight as without capacity, eight to seventeen as limited', () => {
    expect(terms('孩子四岁，在幼儿园摔伤了')).toEqual(['无民事行为能力人', '未成年人']);
    expect(terms('俺孙子才十五，背着俺买了手机')).toEqual(['限制民事行为能力人', '未成年人']);
    // A child's age said as "<child><figure>了", the way people talk: "俺闺女十七了".
    expect(terms('俺闺女十七了，在厂里打工自己养活自己')).toEqual(['限制民事行为能力人', '未成年人']);
    expect(terms('俺家的牛养了七八年了')).toEqual([]);
    expect(terms('那十六七岁已经出来打工的呢')).toEqual(['限制民事行为能力人', '未成年人']);
  });

  it('reads an age written in English the same way', () => {
    expect(terms('Can a 16-year-old sign a contract by himself?')).toEqual(['限制民事行为能力人', '未成年人']);
    expect(terms('my son is 7 years old and broke a window')).toEqual(['无民事行为能力人', '未成年人']);
    expect(terms('a boy aged 12 bought a phone')).toEqual(['限制民事行为能力人', '未成年人']);
    expect(terms('a 40-year-old man')).toEqual([]);
  });

  it('reads an age with marrying as a question about the marriage age', () => {
    expect(terms('儿子19岁能结婚吗')).toEqual(['结婚年龄']);
    expect(terms('我女儿22岁了能领证吗')).toEqual(['结婚年龄']);
  });

  it('reads a question for the age of marrying, without an age in it, the same way', () => {
    expect(terms('女孩子多大能领证')).toEqual(['结婚年龄']);
    expect(terms('几岁可以结婚')).toEqual(['结婚年龄']);
    // What the English bridge made of "How old do you have to be to get married?"
    expect(terms('how old do you have to be to get married 多大 结婚')).toEqual(['结婚年龄']);
    expect(terms('孩子多大可以上幼儿园')).toEqual([]);
  });

  it('adds nothing for an adult, an amount or a question without an age', () => {
    expect(terms('我爸都72岁了还能签合同吗')).toEqual([]);
    expect(terms('每月2000元的补贴怎么领')).toEqual([]);
    expect(terms('遗嘱有哪些形式')).toEqual([]);
  });
});
