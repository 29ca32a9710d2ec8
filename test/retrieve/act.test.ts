import { describe, expect, it } from 'vitest';
import { askedAct, namesAct } from '../../src/retrieve/act.ts';
import { makeQuery } from '../../src/text/query.ts';
import { Tokenizer } from '../../src/text/tokenize.ts';

const tokenizer = new Tokenizer();
const act = (q: string) => askedAct(makeQuery(q, tokenizer));

describe('the act a how-to question asks for', () => {
  it('is the word after how or where, past the words that frame it', () => {
    expect(act('离婚证丢了去哪补办，要多长时间')).toBe('补办');
    expect(act('公积金怎么提取出来还房贷')).toBe('提取');
    expect(act('台胞证过期了要怎么办理换证')).toBe('换证');
  });

  it('is none for a question on what the rules are, or with no act of its own', () => {
    expect(act('这个政策是怎么回事')).toBeUndefined();
    expect(act('离婚后孩子的抚养费怎么算')).toBeUndefined();
    expect(act('被家暴了怎么维权')).toBeUndefined();
    expect(act('遗产怎么分配')).toBeUndefined();
    expect(act('法定结婚年龄是多少')).toBeUndefined();
  });

  it('is named by a passage in its own word or in the document word the lexicon gives for it', () => {
    const q = makeQuery('房子怎么过户给儿子', tokenizer);
    expect(askedAct(q)).toBe('过户');
    expect(namesAct('过户', q, '当事人申请办理过户手续')).toBe(true);
    expect(namesAct('过户', q, '房屋买卖合同自成立时生效')).toBe(false);
    const mapped = { expansions: [{ term: '转移登记', weight: 0.6, from: '过户' }] } as unknown as Parameters<typeof namesAct>[1];
    expect(namesAct('过户', mapped, '不动产转移登记')).toBe(true);
  });
});
