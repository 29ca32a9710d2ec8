import { describe, expect, it } from 'vitest';
import { extractPolicyTerms, isStopword, Tokenizer } from '../../src/text/tokenize.ts';

const SEED_EXCERPT =
  '要創新基層治理模式,積極探索自治、法治、德治“三治融合”新路徑。人居環境整治行動“七大行動”,扎實開展《民法典》宣傳普及工作。營造“洋縣發(fā)展我光榮、洋縣落后我可恥”的濃厚氛圍。';

describe('extractPolicyTerms', () => {
  it('takes quoted and book-title terms in Simplified matching form, skipping quoted sentences', () => {
    const terms = extractPolicyTerms(SEED_EXCERPT);
    expect(terms).toEqual(['三治融合', '七大行动', '民法典']);
  });
});

describe('Tokenizer', () => {
  const plain = new Tokenizer();
  const withTerms = new Tokenizer(extractPolicyTerms(SEED_EXCERPT));

  it('keeps policy terms whole once they are in the dictionary', () => {
    expect(plain.tokens('三治融合')).not.toContain('三治融合');
    expect(withTerms.tokens('什么是三治融合?')).toContain('三治融合');
    expect(withTerms.tokens('七大行動指的是什麼？')).toContain('七大行动');
  });

  it('gives the same tokens for Traditional and Simplified text', () => {
    expect(withTerms.tokens('積極探索自治、法治、德治“三治融合”新路徑')).toEqual(withTerms.tokens('积极探索自治、法治、德治“三治融合”新路径'));
  });

  it('drops question words, punctuation and English function words', () => {
    expect(withTerms.tokens('什么是三治融合?')).toEqual(['融合', '三治融合']);
    expect(withTerms.tokens('what is 三治融合')).toEqual(['融合', '三治融合']);
    for (const w of ['的', '什么', '怎么样', 'what', 'the']) expect(isStopword(w)).toBe(true);
  });

  it('ignores pinyin annotations and keeps numbers and Latin words', () => {
    expect(withTerms.tokens('常態(tài)化')).toEqual(withTerms.tokens('常态化'));
    expect(withTerms.tokens('2025年GDP增长5%')).toEqual(expect.arrayContaining(['2025', 'gdp', '增长']));
  });

  it('keeps tokenizers with different terms apart while sharing one dictionary between equal ones', () => {
    // One dictionary is shared by tokenizers built with the same terms: a term of one must not leak into another.
    const again = new Tokenizer(extractPolicyTerms(SEED_EXCERPT));
    expect(new Tokenizer().tokens('三治融合')).not.toContain('三治融合');
    expect(again.tokens('什么是三治融合?')).toContain('三治融合');
    expect(new Tokenizer(['七大行动']).tokens('三治融合')).not.toContain('三治融合');
    expect(withTerms.tokens('什么是三治融合?')).toContain('三治融合');
  });
});
