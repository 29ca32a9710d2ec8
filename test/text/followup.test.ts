// Follow-ups read with the previous question, offline.
import { describe, expect, it } from 'vitest';
import { leansOnPrevious, readFollowUp } from '../../src/text/followup.ts';

describe('readFollowUp', () => {
  it('asks the previous question about the year a follow-up names', () => {
    expect(readFollowUp('那2018年呢？', '2019年GDP增长目标是多少')).toBe('2018年GDP增长目标是多少');
    // The report is what the previous question asked anyway; a new year and subject together ask as it asked.
    expect(readFollowUp('那去年的报告呢', '今年财政赤字率定的多少')).toBe('去年财政赤字率定的多少');
    expect(readFollowUp('那2019年的就业呢', '2020年GDP目标是多少')).toBe('2019年的就业目标是多少');
  });

  it('asks for the same thing about the new subject, in the previous question’s year', () => {
    expect(readFollowUp('那就业呢', '2010年GDP增长目标是多少')).toBe('2010年就业目标是多少');
    expect(readFollowUp('那物价呢', '2024年政府工作报告说GDP增长目标是多少？')).toBe('2024年物价目标是多少？');
  });

  it('keeps only the year when the previous question did not end by asking for something', () => {
    expect(readFollowUp('那继承呢', '2019年报告里说了哪些民生措施？')).toBe('2019年继承');
  });

  it('reads a year counted from the previous question’s', () => {
    // The year before is reviewed in the previous question's report: asked of it, with its subject.
    expect(readFollowUp('前一年完成了多少', '2016年城镇新增就业目标是多少')).toBe('2016年城镇新增就业前一年完成了多少');
    // The next year is the previous question about that year.
    expect(readFollowUp('第二年呢', '2010年GDP增长目标是多少')).toBe('2011年GDP增长目标是多少');
    expect(readFollowUp('前一年完成了多少', '城镇新增就业目标是多少')).toBeUndefined();
    // The previous question's year as citizens say it: two digits, or Chinese numerals.
    expect(readFollowUp('第二年呢', '98年经济增长目标是多少')).toBe('1999年经济增长目标是多少');
    expect(readFollowUp('再往前一年呢', '二〇一六年GDP增长目标是多少')).toBe('2015年GDP增长目标是多少');
  });

  it('reads a pointer back to the previous question’s report or year as that year', () => {
    expect(readFollowUp('同一份报告里物价目标是多少', '2018年GDP增长目标是多少')).toBe('2018年物价目标是多少');
    expect(readFollowUp('那年的赤字率是多少', '2024年GDP增长目标是多少')).toBe('2024年赤字率是多少');
    expect(readFollowUp('再往前一年呢', '2018年GDP增长目标是多少')).toBe('2017年GDP增长目标是多少');
    // A question of its own that opens with 当时 is not a follow-up.
    expect(readFollowUp('当时没签合同现在能要回来吗', '2018年GDP增长目标是多少')).toBeUndefined();
  });

  it('reads an English follow-up that names or counts a year, or a new subject', () => {
    expect(readFollowUp('And in 2018?', 'What was the GDP growth target in 2017?')).toBe('What was the GDP growth target in 2018?');
    expect(readFollowUp('What about 2019?', 'What was the deficit target in 2017?')).toBe('What was the deficit target in 2019?');
    expect(readFollowUp('What about the year before?', 'What was the GDP growth target in 2017?')).toBe('What was the GDP growth target in 2016?');
    // A new subject is asked in the previous question's year, as it asked (a target).
    expect(readFollowUp('What about inflation?', 'What was the GDP growth target in 2017?')).toBe('inflation target in 2017');
    expect(readFollowUp('What about inheritance?', 'How old do you have to be to marry?')).toBeUndefined();
  });

  it('leaves a question that stands alone', () => {
    expect(readFollowUp('结婚年龄是多少', '2019年GDP增长目标是多少')).toBeUndefined();
    expect(leansOnPrevious('离婚以后孩子跟谁过，抚养费怎么算，探望权怎么定，这些法律上都有哪些规定呢')).toBe(false);
  });
});
