import { describe, expect, it } from 'vitest';
import { answerKeyboard, type Callback, decodeCallback, encodeCallback, examplesKeyboard } from '../../src/telegram/keyboards.ts';
import { uiTexts } from '../../src/telegram/texts.ts';
import type { Citation } from '../../src/types.ts';

describe('callback data', () => {
  it.each<Callback>([
    { kind: 'ask', question: '什么是三治融合？' },
    { kind: 'cite', key: 'Ab-_12', n: 3 },
    { kind: 'vote', key: 'Ab-_12', vote: 'down' },
    { kind: 'sub', key: 'Ab-_12' },
    { kind: 'unsub', id: 'a343483fa7ad451' },
    { kind: 'stop', key: 'Ab-_12' },
    { kind: 'human', key: 'Ab-_12' },
  ])('round-trips %o', (c) => {
    expect(decodeCallback(encodeCallback(c))).toEqual(c);
  });

  it.each(['', 'ask:', 'cite:k:x', 'vote:k:maybe', 'sub:', 'stop:a b', 'unsub:', 'human:x:y', 'other'])('ignores %j', (data) => {
    expect(decodeCallback(data)).toBeUndefined();
  });
});

describe('keyboards', () => {
  it('leaves out example questions whose data would exceed 64 bytes', () => {
    const kb = examplesKeyboard(['短问题？', '很'.repeat(21) + '？']);
    expect(kb.inline_keyboard.map((r) => r[0].text)).toEqual(['短问题？']);
  });

  it('puts three passage buttons per row, then the feedback row', () => {
    const cites = [1, 2, 3, 4].map((n) => ({ n }) as Citation);
    const kb = answerKeyboard('k1', cites, uiTexts('en'));
    expect(kb.inline_keyboard.map((r) => r.length)).toEqual([3, 1, 2]);
    expect(kb.inline_keyboard[1][0]).toEqual({ text: '📄 Passage [4]', callback_data: 'cite:k1:4' });
    for (const b of kb.inline_keyboard.flat()) expect(Buffer.byteLength('callback_data' in b ? b.callback_data : '')).toBeLessThanOrEqual(64);
  });
});
