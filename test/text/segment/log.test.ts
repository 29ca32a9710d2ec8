import { describe, expect, it } from 'vitest';
import { fma, glibcLog } from '../../../src/text/segment/log.ts';

describe('glibcLog', () => {
  // Expected values are python3's math.log (glibc 2.36's log, FMA variant) on the machine the port was checked on,
  // where it agreed with glibc on every integer up to 3,000,000 and on 300,000 random integers up to 2^53.
  it("returns glibc's value where V8's Math.log is one ulp off", () => {
    expect(glibcLog(3)).toBe(1.0986122886681098);
    expect(Math.log(3)).not.toBe(1.0986122886681098);
    expect(glibcLog(48)).toBe(3.871201010907891);
  });

  it("keeps glibc's own misroundings (values not correctly rounded)", () => {
    expect(glibcLog(9170)).toBe(9.123692565250511);
    expect(glibcLog(136837)).toBe(11.826545715437014);
  });

  it("matches jieba's dictionary total and the limits", () => {
    expect(glibcLog(60101964)).toBe(17.911553077840047);
    expect(glibcLog(2 ** 53)).toBe(36.7368005696771);
    expect(glibcLog(1)).toBe(0);
    expect(glibcLog(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(() => glibcLog(1.5)).toThrow(RangeError);
    expect(() => glibcLog(-1)).toThrow(RangeError);
  });
});

describe('fma', () => {
  it('rounds a * b + c once', () => {
    // (1 + 2^-30)^2 - 1 = 2^-29 + 2^-60: a separate multiply loses the 2^-60.
    const a = 1 + 2 ** -30;
    expect(fma(a, a, -1)).toBe(2 ** -29 + 2 ** -60);
    expect(a * a - 1).toBe(2 ** -29);
    expect(fma(2, 3, 4)).toBe(10);
    expect(fma(0.1, 10, -1)).toBe(5.551115123125783e-17);
  });
});
