import { describe, expect, it } from 'vitest';
import { DEFAULT_EXTRACTIVE, withListItems } from '../../src/answer/extractive.ts';

const text = [
  '第一千零五十一条 有下列情形之一的，婚姻无效：',
  '（一）重婚；',
  '（二）有禁止结婚的亲属关系；',
  '（三）未到法定婚龄。',
  '第一千零五十二条 因胁迫结婚的，受胁迫的一方可以向人民法院请求撤销婚姻。',
].join('\n');
const hits = [{ chunk: { text } }];
const opener = (t: string) => ({ hitIndex: 0, start: text.indexOf(t), text: t, tokens: new Set<string>(), score: 1 });

describe('withListItems', () => {
  it('brings the following items of a list whose opening sentence was chosen, and stops at the list end', () => {
    const out = withListItems([opener('第一千零五十一条 有下列情形之一的，婚姻无效：\n（一）重婚；')], hits, DEFAULT_EXTRACTIVE);
    expect(out.map((c) => c.text)).toEqual(['第一千零五十一条 有下列情形之一的，婚姻无效：\n（一）重婚；', '（二）有禁止结婚的亲属关系；', '（三）未到法定婚龄。']);
  });

  it('leaves a sentence that opens no list alone', () => {
    const chosen = [opener('第一千零五十二条 因胁迫结婚的，受胁迫的一方可以向人民法院请求撤销婚姻。')];
    expect(withListItems(chosen, hits, DEFAULT_EXTRACTIVE)).toEqual(chosen);
  });

  it('keeps within the list budget', () => {
    const out = withListItems([opener('第一千零五十一条 有下列情形之一的，婚姻无效：\n（一）重婚；')], hits, { ...DEFAULT_EXTRACTIVE, maxListChars: 15 });
    expect(out.map((c) => c.text)).toEqual(['第一千零五十一条 有下列情形之一的，婚姻无效：\n（一）重婚；', '（二）有禁止结婚的亲属关系；']);
  });
});
