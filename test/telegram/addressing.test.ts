import type { Message } from 'telegraf/types';
import { describe, expect, it } from 'vitest';
import { addressedQuestion } from '../../src/telegram/addressing.ts';

const me = { id: 7, username: 'wenzheng_bot' };
const mention = (text: string, handle = '@wenzheng_bot') => ({ type: 'mention' as const, offset: text.indexOf(handle), length: handle.length });
const msg = (text: string, extra: Partial<Message.TextMessage> = {}) => ({ text, ...extra }) as Message.TextMessage;

describe('addressedQuestion', () => {
  it.each([
    ['private: every message', msg('  什么是三治融合？ '), 'private', '什么是三治融合？'],
    ['group: no mention', msg('什么是三治融合？'), 'group', undefined],
    [
      'group: another bot mentioned',
      msg('@other_bot 什么是三治融合？', { entities: [mention('@other_bot 什么是三治融合？', '@other_bot')] }),
      'supergroup',
      undefined,
    ],
    ['group: mention first', msg('@wenzheng_bot 什么是三治融合？', { entities: [mention('@wenzheng_bot 什么是三治融合？')] }), 'group', '什么是三治融合？'],
    [
      'group: mention last, any case',
      msg('什么是三治融合？@WenZheng_Bot', { entities: [mention('什么是三治融合？@WenZheng_Bot', '@WenZheng_Bot')] }),
      'group',
      '什么是三治融合？',
    ],
    ['group: mention then comma', msg('@wenzheng_bot，结婚年龄？', { entities: [mention('@wenzheng_bot，结婚年龄？')] }), 'group', '结婚年龄？'],
    ['group: reply to the bot', msg('那离婚呢？', { reply_to_message: { from: { id: 7 } } as never }), 'group', '那离婚呢？'],
    ['group: reply to someone else', msg('那离婚呢？', { reply_to_message: { from: { id: 8 } } as never }), 'group', undefined],
    ['group: mention alone', msg('@wenzheng_bot', { entities: [mention('@wenzheng_bot')] }), 'group', ''],
  ] as const)('%s', (_what, message, kind, expected) => {
    expect(addressedQuestion(message, kind, me)).toBe(expected);
  });
});
