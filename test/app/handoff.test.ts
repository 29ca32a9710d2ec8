import { describe, expect, it } from 'vitest';
import { handoffButtonLabel, handoffMessage, handoffSources } from '../../src/app/handoff.ts';
import { DEFAULT_OFFICIAL_CHANNEL, loadConfig } from '../../src/config.ts';
import type { Citation } from '../../src/types.ts';

const zh = { lang: 'zh', script: 'simplified' } as const;
const cite = (n: number, title: string, section?: string): Citation => ({ n, doc: `${n}.md`, title, section, paragraph: 1, text: '', passage: '' });

describe('the message to a person', () => {
  it('packages the question, why the bot could not help, the sources it looked at and the channel', () => {
    const text = handoffMessage({
      question: '新农合一年交多少钱',
      register: zh,
      reason: 'refused',
      sources: handoffSources([cite(1, '2025年政府工作报告', '三、任务'), cite(2, '2025年政府工作报告', '三、任务'), cite(3, '民法典')]),
      channel: DEFAULT_OFFICIAL_CHANNEL,
    });
    expect(text).toContain('12345');
    expect(text).toContain('【咨询问题】新农合一年交多少钱');
    expect(text).toContain('未能从现有文件中找到答案');
    expect(text).toContain('【已查阅】《2025年政府工作报告》 三、任务；《民法典》');
    expect(text.length).toBeLessThan(400);
  });

  it('never carries a phone or ID number typed into the question', () => {
    const text = handoffMessage({
      question: '我的身份证11010519491231002X，电话13912345678，低保怎么申请',
      register: zh,
      reason: 'downvoted',
      sources: [],
      channel: 'x',
    });
    expect(text).not.toMatch(/11010519491231002X|13912345678/);
    expect(text).toContain('[身份证号]');
    expect(text).toContain('不满意');
  });

  it('follows the asker’s script and language', () => {
    const tw = handoffMessage({ question: '養老金怎麼領', register: { lang: 'zh', script: 'traditional' }, reason: 'refused', sources: [], channel: '12345' });
    expect(tw).toContain('如需人工解答，請聯繫');
    const en = handoffMessage({
      question: 'how do I apply for 低保',
      register: { lang: 'en', script: 'simplified' },
      reason: 'refused',
      sources: [],
      channel: '12345',
    });
    expect(en).toMatch(/^To ask a person: 12345/);
    expect(handoffButtonLabel({ lang: 'en', script: 'simplified' })).toMatch(/person/);
  });

  it('uses OFFICIAL_CHANNEL when the operator sets one', () => {
    expect(loadConfig({ OFFICIAL_CHANNEL: '县信访局 0571-1234567' }).loop.officialChannel).toBe('县信访局 0571-1234567');
    expect(loadConfig({}).loop.officialChannel).toBe(DEFAULT_OFFICIAL_CHANNEL);
  });
});
