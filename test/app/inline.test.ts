import { describe, expect, it } from 'vitest';
import { inlineArticle } from '../../src/app/inline.ts';
import type { Citation } from '../../src/types.ts';

const zh = { lang: 'zh', script: 'simplified' } as const;
const cite: Citation = {
  n: 1,
  doc: 'a.md',
  title: '中华人民共和国民法典·婚姻家庭编',
  section: '第一千零四十七条',
  paragraph: 49,
  text: '结婚年龄，男不得早于二十二周岁，女不得早于二十周岁。',
  passage: '第一千零四十七条 结婚年龄，男不得早于二十二周岁，女不得早于二十周岁。',
};
const answer = {
  question: '法定结婚年龄是多少',
  answer: '根据现有文件：\n结婚年龄，男不得早于二十二周岁，女不得早于二十周岁。[1]',
  found: true,
  citations: [cite],
  register: zh,
};

describe('the inline result', () => {
  it('carries the answer, its citation and the passage, to post into any chat', () => {
    const a = inlineArticle(answer)!;
    expect(a.messageText).toContain('问: 法定结婚年龄是多少');
    expect(a.messageText).toContain('[1] 《中华人民共和国民法典·婚姻家庭编》第一千零四十七条 第49段');
    expect(a.messageText).toContain('「第一千零四十七条 结婚年龄');
    expect(a.description).toContain('民法典');
    expect(Buffer.byteLength(a.id)).toBeLessThanOrEqual(64);
    expect(inlineArticle(answer)!.id).toBe(a.id);
  });

  it('stays under Telegram’s 4096 characters with a very long passage', () => {
    const long = { ...answer, citations: [{ ...cite, passage: '很长的段落。'.repeat(2000) }] };
    expect(inlineArticle(long)!.messageText.length).toBeLessThanOrEqual(4096);
  });

  it('offers nothing for a refusal, and follows the asker’s script', () => {
    expect(inlineArticle({ ...answer, found: false, citations: [] })).toBeUndefined();
    expect(inlineArticle({ ...answer, register: { lang: 'zh', script: 'traditional' } })!.messageText).toContain('來自');
  });
});
