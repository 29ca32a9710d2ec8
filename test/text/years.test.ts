// Two-digit years as citizens say them.
import { describe, expect, it } from 'vitest';
import { readFollowUp } from '../../src/text/followup.ts';
import { shortYear, YEAR_SHORT } from '../../src/text/years.ts';

const years = (q: string) => [...q.matchAll(YEAR_SHORT)].map((m) => shortYear(m[1]));

describe('two-digit years', () => {
  it('reads 79年, 八三年 and 08年 as years when they name a time, not a count of years', () => {
    expect(years('79年那会儿国家提的方针')).toEqual([1979]);
    expect(years('八三年的报告说了啥')).toEqual([1983]);
    expect(years('08年的时候房价多少')).toEqual([2008]);
    expect(years('一起住了七八年')).toEqual([]);
    expect(years('七八年前借的钱')).toEqual([]);
  });

  it("carries the previous question's two-digit year into a follow-up, in full", () => {
    expect(readFollowUp('那钢呢，要炼多少', '俺记得七八年那会儿国家说到八五年粮食要打多少斤')).toContain('1978年');
  });
});
