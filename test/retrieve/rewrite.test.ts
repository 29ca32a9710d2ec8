// Question rewriting before retrieval, against the local fake OpenAI-compatible server. These tests check our
// protocol (what is sent, what is searched, fallbacks), not a model's quality.
import { describe, expect, it } from 'vitest';
import { ExtractiveAnswerer } from '../../src/answer/extractive.ts';
import { LlmAnswerer } from '../../src/answer/llm.ts';
import { App } from '../../src/app/app.ts';
import { LlmError } from '../../src/errors.ts';
import { LlmRewriter, parseRewrite, searchText } from '../../src/retrieve/rewrite.ts';
import { testChat, useFakeLlm } from '../helpers/fake-llm.ts';

describe('parseRewrite (protocol)', () => {
  const asked = { question: 'what is the legal age for marriage?' };

  it('reads the standalone question and keeps only Chinese search terms', () => {
    expect(parseRewrite('QUESTION: what is the legal age for marriage?\nTERMS: 法定婚龄 “结婚年龄”, marriage, 法定婚龄', asked)).toEqual({
      question: 'what is the legal age for marriage?',
      terms: ['法定婚龄', '结婚年龄'],
    });
  });

  it('tolerates decoration and reasoning blocks', () => {
    expect(
      parseRewrite('<think>…</think>\n**Question**： 三治融合是什么时候提出的？\n**Terms**：三治融合、提出', { question: '它是什么时候提出的？' }),
    ).toEqual({
      question: '三治融合是什么时候提出的？',
      terms: ['三治融合', '提出'],
    });
  });

  it.each([
    ['no QUESTION line', 'The legal age is 22 for men.'],
    ['a runaway question', `QUESTION: ${'very long '.repeat(30)}\nTERMS: 结婚`],
  ])('rejects %s', (_, raw) => {
    expect(() => parseRewrite(raw, asked)).toThrow(LlmError);
  });

  it('searches a non-Chinese question with its Chinese terms alone, a Chinese one with both', () => {
    expect(searchText({ question: 'what is 三治融合', terms: ['三治融合', '自治'] })).toBe('三治融合 自治');
    expect(searchText({ question: 'what is the legal age?', terms: [] })).toBe('what is the legal age?');
    expect(searchText({ question: '三治融合是什么时候提出的？', terms: ['三治融合'] })).toBe('三治融合是什么时候提出的？ 三治融合');
  });
});

describe('rewriting in ask() (fake server; not a test of model quality)', () => {
  const ctx = useFakeLlm();

  /** Extractive answers, so what is compared is retrieval; the rewriter talks to the ctx.fake. */
  function appWithRewriter(): App {
    return App.open(ctx.config, new ExtractiveAnswerer(), new LlmRewriter(testChat(ctx.config.llm!)));
  }

  it('rewrites a follow-up into a standalone question, which the LLM answerer is then asked', async () => {
    ctx.fake.script({ text: 'QUESTION: 三治融合的三治指什么？\nTERMS: 三治融合 自治 法治 德治' });
    const chat = testChat(ctx.config.llm!);
    const app = App.open(ctx.config, new LlmAnswerer(chat), new LlmRewriter(chat));
    const opts = { previousQuestion: '什么是三治融合' };
    const answer = await app.ask('它包括哪三治？', opts);
    const [rewrite, answering] = ctx.fake.chats;
    expect(rewrite.messages[1].content).toContain('<previous_question>\n什么是三治融合\n</previous_question>');
    expect(rewrite.messages[1].content).toContain('<question>\n它包括哪三治？\n</question>');
    expect(answering.messages[1].content).toContain('<question>\n三治融合的三治指什么？\n</question>');
    // The passages given to the answerer are those retrieved for the rewritten question and its terms.
    const expected = await app.search('三治融合的三治指什么？ 三治融合 自治 法治 德治');
    for (const h of expected.hits) expect(answering.messages[1].content).toContain(h.chunk.text.slice(0, 30));
    expect(answer).toMatchObject({ question: '它包括哪三治？', found: true, source: 'llm' });
  });

  it('finds an English question through the Chinese search terms the model gives', async () => {
    const q = 'what is the legal age for marriage?';
    ctx.fake.script({ text: `QUESTION: ${q}\nTERMS: 结婚 法定 年龄` });
    const answer = await appWithRewriter().ask(q);
    expect(answer.found).toBe(true);
    expect(answer.citations[0].doc).toBe('民法典-婚姻家庭编.md');
    expect(answer.answer.startsWith('The documents say')).toBe(true);
  });

  it('does not call the model for a Chinese question without a previous one', async () => {
    await appWithRewriter().ask('什么是三治融合');
    expect(ctx.fake.chats).toHaveLength(0);
  });

  it.each([
    ['an HTTP 500', { status: 500 }],
    ['a malformed reply', { text: 'The legal age is 22.' }],
  ])('after %s, retrieves and answers exactly as offline, with a log line', async (_, reply) => {
    ctx.fake.script(reply);
    const q = '它是什么时候提出的？';
    const opts = { previousQuestion: '什么是三治融合' };
    const [answer, offline] = [await appWithRewriter().ask(q, opts), await App.open(ctx.index.config).ask(q, opts)];
    expect({ ...answer, timings: 0 }).toEqual({ ...offline, timings: 0 });
    expect(ctx.log.lines.some((l) => l.startsWith('[warn] question rewriting failed'))).toBe(true);
  });

  it('falls back to the offline retrieval when the rewritten question finds nothing relevant', async () => {
    ctx.fake.script({ text: 'QUESTION: 今天天气怎么样？\nTERMS: 天气 预报' });
    const q = '那继承呢？';
    const opts = { previousQuestion: '民法典规定的法定结婚年龄是多少' };
    const [answer, offline] = [await appWithRewriter().ask(q, opts), await App.open(ctx.index.config).ask(q, opts)];
    expect({ ...answer, timings: 0 }).toEqual({ ...offline, timings: 0 });
  });
});
