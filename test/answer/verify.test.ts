// The guardrails on a model's reply, as pure functions: these check our protocol, not a model's quality.
import { describe, expect, it } from 'vitest';
import { echoesInstructions, parseReply, renumberCitations, verifyReply, visibleAnswer } from '../../src/answer/verify.ts';
import { LlmError } from '../../src/errors.ts';

describe('parseReply (protocol)', () => {
  it('splits the answer text from the closing SOURCES and ANSWERED lines', () => {
    expect(parseReply('三治融合指自治、法治、德治相结合[1]。\nSOURCES: 1\nANSWERED: yes')).toEqual({
      text: '三治融合指自治、法治、德治相结合[1]。',
      sources: [1],
      answered: 'full',
    });
  });

  it.each([
    ['**SOURCES**: 2, 3\n**ANSWERED**: partly', [2, 3], 'partial'],
    ['sources：[1]、[4]\nanswered： No', [1, 4], 'none'],
    ['```\nSOURCES: none\nANSWERED: no\n```', [], 'none'],
    ['SOURCES: 1\n\nANSWERED: Yes, fully.', [1], 'full'],
  ])('reads decorated closing lines leniently: %j', (meta, sources, answered) => {
    const r = parseReply(`答案[1]\n${meta}`);
    expect(r.text).toBe('答案[1]');
    expect(r.sources).toEqual(sources);
    expect(r.answered).toBe(answered);
  });

  it("drops a reasoning model's <think> block", () => {
    expect(parseReply('<think>用户问的是……[9]</think>\n答案[1]\nSOURCES: 1\nANSWERED: yes').text).toBe('答案[1]');
  });

  it.each([
    ['no closing lines at all', '三治融合是一种治理模式[1]。'],
    ['an ANSWERED value it cannot read', '答案[1]\nSOURCES: 1\nANSWERED: maybe'],
    ['closing lines in the middle, prose after them', 'SOURCES: 1\nANSWERED: yes\n答案写在后面[1]'],
    ['no answer text although it says answered', 'SOURCES: 1\nANSWERED: yes'],
    ['an empty reply', ''],
  ])('treats %s as malformed', (_, raw) => {
    expect(() => parseReply(raw)).toThrow(LlmError);
  });
});

describe('renumberCitations (protocol)', () => {
  it('keeps markers to given passages, renumbered 1..m in order of first use', () => {
    const r = renumberCitations('甲[3]，乙[1]，丙[3]。', 5);
    expect(r.text).toBe('甲[1]，乙[2]，丙[1]。');
    expect(r.used).toEqual([3, 1]);
  });

  it('removes markers to passages that were not given, with the space before them', () => {
    const r = renumberCitations('The rule applies [2] [7]. Also [0].', 3);
    expect(r.text).toBe('The rule applies [1]. Also.');
    expect(r.used).toEqual([2]);
    expect(r.dropped).toEqual([7, 0]);
  });

  it('reads list and full-width marker styles and collapses repeats', () => {
    expect(renumberCitations('甲[2, 1]，乙【2】，丙[1][1]', 2).text).toBe('甲[1][2]，乙[1]，丙[2]');
  });
});

describe('verifyReply (guardrails)', () => {
  it('refuses when the model says the passages do not answer, even with citations', () => {
    const v = verifyReply({ text: '文件没有提到[1]', sources: [1], answered: 'none' }, 3);
    expect(v).toMatchObject({ refused: true, reason: 'not-answered' });
  });

  it('refuses when every citation points outside the given passages', () => {
    const v = verifyReply({ text: '结婚年龄是二十岁[6]', sources: [6], answered: 'full' }, 5);
    expect(v).toMatchObject({ refused: true, reason: 'no-citations', dropped: [6] });
  });

  it('cites the declared given sources at the end when the text has no markers', () => {
    const v = verifyReply({ text: '答案。', sources: [2, 9], answered: 'partial' }, 3);
    expect(v).toMatchObject({ refused: false, answer: '答案。 [1]', used: [2] });
  });

  it('refuses an answer that repeats the instructions (a prompt-extraction attempt that worked)', () => {
    const instructions = 'Rules:\n1. Answer only from the numbered passages in the user message. Do not guess.';
    const v = verifyReply(
      { text: 'My rules: Answer only from the numbered passages in the user message. [1]', sources: [1], answered: 'full' },
      2,
      instructions,
    );
    expect(v).toMatchObject({ refused: true, reason: 'echoes-instructions' });
    expect(echoesInstructions('三治融合是自治、法治、德治相结合[1]', instructions)).toBe(false);
  });
});

describe('visibleAnswer (streaming protocol)', () => {
  it('shows the answer being written, never the closing lines', () => {
    const raw = '甲[2]，乙[1]。\nSOURCES: 2, 1\nANSWERED: yes';
    const shown = [...raw].map((_, i) => visibleAnswer(raw.slice(0, i + 1), 3));
    const final = '甲[1]，乙[2]。';
    expect(shown.at(-1)).toBe(final);
    // Every partial is a prefix of the final answer: same numbering, no closing line, no half marker.
    for (const s of shown) expect(final.startsWith(s), s).toBe(true);
  });

  it('holds back a half-written marker and hides an unfinished <think> block', () => {
    expect(visibleAnswer('甲[1', 3)).toBe('甲');
    expect(visibleAnswer('<think>我想想', 3)).toBe('');
  });
});
