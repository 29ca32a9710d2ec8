import { describe, expect, it } from 'vitest';
import { docMetadata, npcSessionYear, yearLabel } from '../../src/corpus/metadata.ts';

const jsonl = 'gov-work-reports/government_work_reports.jsonl';

describe('document metadata', () => {
  it('reads a work report: kind, collection and the year from the date field or the title', () => {
    expect(docMetadata({ path: jsonl, title: '2015年中华人民共和国国务院政府工作报告', date: '2015' })).toEqual({
      kind: 'work-report',
      collection: '国务院政府工作报告',
      year: 2015,
    });
    expect(docMetadata({ path: 'r.md', title: '1964年中华人民共和国国务院政府工作报告（摘要）' }).year).toBe(1964);
  });

  it('derives a resolution’s year from the NPC session its title names', () => {
    const m = docMetadata({ path: jsonl, title: '第十三届全国人民代表大会第三次会议关于政府工作报告的决议' });
    expect(m).toMatchObject({ kind: 'npc-resolution', year: 2020 });
    expect(npcSessionYear('第十四届全国人民代表大会第三次会议')).toBe(2025);
    expect(npcSessionYear('第十二届全国人民代表大会第一次会议')).toBe(2013);
    // The early congresses did not meet every year.
    expect(npcSessionYear('第二届全国人民代表大会第三次会议')).toBe(1962);
  });

  it('gives a law its book but no year: a law stays in force whatever year it was adopted', () => {
    const m = docMetadata({ path: 'civil-code/婚姻家庭编.md', title: '中华人民共和国民法典 婚姻家庭编', date: '2020-05-28' });
    expect(m).toEqual({ kind: 'law', collection: '民法典', book: '婚姻家庭编' });
  });

  it('lets front matter fields override what is derived', () => {
    const m = docMetadata({ path: 'notice.md', title: '关于做好春耕的通知', fields: { kind: 'local', collection: '洋县文件', year: '2021' } });
    expect(m).toEqual({ kind: 'local', collection: '洋县文件', year: 2021 });
  });

  it('labels the year only when the title does not already say it', () => {
    expect(yearLabel('第十三届全国人民代表大会第三次会议关于政府工作报告的决议', { year: 2020 })).toBe('2020年');
    expect(yearLabel('2015年中华人民共和国国务院政府工作报告', { year: 2015 })).toBeUndefined();
    expect(yearLabel('民法典', {})).toBeUndefined();
  });
});
