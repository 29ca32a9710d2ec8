import { describe, expect, it } from 'vitest';
import { parseNumeral, toChineseNumeral } from '../../src/text/numerals.ts';

describe('Chinese numerals', () => {
  it.each([
    ['一千零七十九', 1079],
    ['一千零四十', 1040],
    ['十二', 12],
    ['十', 10],
    ['一百一十', 110],
    ['一千二百六十', 1260],
    ['二〇一五', 2015],
    ['二零二五', 2025],
    ['两千', 2000],
    ['三万五千', 35000],
    ['1079', 1079],
  ])('reads %s as %i', (text, n) => {
    expect(parseNumeral(text)).toBe(n);
  });

  it('is undefined for text that is not a number', () => {
    expect(parseNumeral('条件')).toBeUndefined();
    expect(parseNumeral('')).toBeUndefined();
  });

  it.each([
    [1079, '一千零七十九'],
    [1040, '一千零四十'],
    [10, '十'],
    [12, '十二'],
    [110, '一百一十'],
    [1010, '一千零一十'],
    [1200, '一千二百'],
    [3, '三'],
  ])('writes %i as %s, as the Civil Code labels its articles', (n, text) => {
    expect(toChineseNumeral(n)).toBe(text);
  });

  it('round-trips every Civil Code article number', () => {
    for (let n = 1; n <= 1260; n++) expect(parseNumeral(toChineseNumeral(n))).toBe(n);
  });
});
