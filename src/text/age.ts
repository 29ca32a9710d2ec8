// A person's age in a question ("孙子才十五", "孩子四岁", "我女儿22岁了") stands for the legal capacity the Civil Code
// ties to it: under 8 无民事行为能力人, 8 to 17 限制民事行为能力人 (未成年人), 18 and over 成年人. The question's
// words for it are added as document words, like the lexicon's, so the articles on capacity are found. An adult's age
// adds nothing: "儿子19岁能结婚吗" is about the marriage age, and 成年人 would pull the capacity articles ahead.
import type { Expansion } from './lexicon.ts';
import { parseNumeral } from './numerals.ts';

const NUM = '([一二三四五六七八九十两\\d]{1,3})';
// "四岁", "22周岁", "十六七岁" (the first figure counts), a bare figure after 才/刚/只有/今年 at a clause's end ("才十五，"),
// or right after a child or grandchild and before 了 ("俺闺女十七了").
// In English: "a 16-year-old", "16 years old", "aged 16".
const AGE = new RegExp(
  `${NUM}[一二三四五六七八九]?(?:周)?岁|(?:才|刚|刚满|只有|今年|还不到|不到)${NUM}(?=[，,。！？?!\\s]|$)|(?:闺女|女儿|儿子|孩子|孙子|孙女|外孙|外孙女|娃|姑娘|小子)(?:今年|都|已经|也)?${NUM}(?=了|啦)|\\b(\\d{1,3})[- ]years?[- ]old\\b|\\baged (\\d{1,3})\\b`,
  'gi',
);
const WEIGHT = 0.6;
const MARRY = /结婚|嫁人|嫁出去|娶|领证|扯证|成亲|婚龄/;
/** Asking for an age without giving one ("几岁能结婚", "how old … married" once the English bridge has read it). */
const ASKS_AGE = /几岁|多大|多少岁|多少周岁|年龄|年纪/;

/** The capacity words for the first age a question names, a minor's; none for an adult, none without an age. */
export function ageExpansions(matchText: string): Expansion[] {
  const asked = ASKS_AGE.exec(matchText);
  if (asked && MARRY.test(matchText)) return [{ term: '结婚年龄', weight: WEIGHT, from: asked[0] }];
  for (const m of matchText.matchAll(AGE)) {
    // Whichever alternative matched: each has its own group.
    const raw = m.slice(1).find((g) => g !== undefined);
    if (raw === undefined) continue;
    const age = parseNumeral(raw);
    if (age === undefined || age > 120) continue;
    const from = m[0];
    // An age with marrying ("儿子19岁能结婚吗", "闺女二十了能嫁人不") asks about the marriage age.
    if (MARRY.test(matchText)) return [{ term: '结婚年龄', weight: WEIGHT, from }];
    if (age >= 18) return [];
    const terms = age < 8 ? ['无民事行为能力人', '未成年人'] : ['限制民事行为能力人', '未成年人'];
    return terms.map((term) => ({ term, weight: WEIGHT, from }));
  }
  return [];
}
