// A citizen talking to the real bot in a private chat, through the fake Bot API with long polling.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotCall, BotMessage } from '../../src/dev/telegram-api.ts';
import { buildTestIndex, type Harness, privateChat, startHarness, texts, user } from './harness.ts';

let h: Harness;
let cleanup: () => void;
let clock = Date.now();

beforeAll(async () => {
  const built = await buildTestIndex({ CONTEXT_TTL_SECONDS: '600' });
  cleanup = built.cleanup;
  h = await startHarness(built.config, { now: () => clock });
});

afterAll(async () => {
  await h?.close();
  cleanup?.();
});

/** The message the bot left in the chat after a call list: the last one sent or edited. */
function lastMessage(calls: BotCall[]): BotMessage {
  const c = calls.filter((x) => x.ok && (x.method === 'sendMessage' || x.method === 'editMessageText')).at(-1)!;
  return h.fake.messagesIn(Number(c.params.chat_id)).at(-1)!;
}

function buttons(m: BotMessage): { text: string; data: string }[] {
  return (m.reply_markup?.inline_keyboard.flat() ?? []).map((b) => ({ text: b.text, data: 'callback_data' in b ? b.callback_data : '' }));
}

describe('/start and /help', () => {
  it('lists the documents by title and offers example questions as buttons, in Chinese by default', async () => {
    const u = user(101);
    const calls = await h.say(u, privateChat(u), '/start');
    const [text] = texts(calls);
    for (const title of h.app.status().titles) expect(text).toContain(title);
    expect(text).toContain('只根据');
    const examples = buttons(lastMessage(calls));
    expect(examples.length).toBeGreaterThanOrEqual(3);
    expect(examples.length).toBeLessThanOrEqual(4);
    for (const b of examples) expect(b.data).toBe(`ask:${b.text}`);
  });

  it('speaks English to a user whose Telegram is in English', async () => {
    const u = user(102, 'en');
    const [text] = texts(await h.say(u, privateChat(u), '/help'));
    expect(text).toContain('I answer only from these 4 government documents');
    expect(buttons(h.fake.messagesIn(u.id).at(-1)!).every((b) => b.text.startsWith('What is '))).toBe(true);
  });

  it('answers a tapped example question, and it is never "not found"', async () => {
    const u = user(103);
    await h.say(u, privateChat(u), '/start');
    const welcome = h.fake.messagesIn(u.id).at(-1)!;
    const example = buttons(welcome)[0];
    const calls = await h.press(u, welcome, example.data);
    expect(calls.some((c) => c.method === 'answerCallbackQuery' && c.ok)).toBe(true);
    const answer = lastMessage(calls);
    expect(answer.text.startsWith(`问：${example.text}`)).toBe(true);
    expect(answer.text).toContain('[1]');
  });
});

describe('questions', () => {
  it('shows "typing", then answers with [n] markers, a sources footer and a button per citation', async () => {
    const u = user(201);
    const calls = await h.say(u, privateChat(u), '什么是三治融合？');
    const typing = calls.findIndex((c) => c.method === 'sendChatAction' && c.params.action === 'typing');
    const sent = calls.findIndex((c) => c.method === 'sendMessage');
    expect(typing).toBeGreaterThanOrEqual(0);
    expect(typing).toBeLessThan(sent);
    const answer = lastMessage(calls);
    expect(answer.text).toMatch(/三治融合.*\[1\]/s);
    expect(answer.text).toMatch(/来源\n\[1\] 《2月25日,洋县召开.*》第\d+段/);
    expect(answer.html).toContain('<b>来源</b>');
    const data = buttons(answer).map((b) => b.data);
    expect(data.filter((d) => d.startsWith('cite:'))).toHaveLength(answer.text.match(/^\[\d+\] 《/gm)!.length);
    expect(data.filter((d) => d.startsWith('vote:'))).toHaveLength(2);
  });

  it('shows the full cited passage when a citation button is pressed', async () => {
    const u = user(202);
    const answer = lastMessage(await h.say(u, privateChat(u), '什么是三治融合？'));
    const cite = buttons(answer).find((b) => b.data.startsWith('cite:') && b.data.endsWith(':1'))!;
    const calls = await h.press(u, answer, cite.data);
    expect(calls.find((c) => c.method === 'answerCallbackQuery')?.ok).toBe(true);
    const passage = lastMessage(calls);
    expect(passage.reply_to).toBe(answer.message_id);
    expect(passage.html).toMatch(/^<b>\[1\] 《.*》第\d+段<\/b>\n<blockquote>/);
    // The passage is the whole chunk, in the document's own (Traditional) script, longer than the quote.
    expect(passage.text).toContain('“三治融合”');
    expect(passage.text).toContain('創新基層治理模式');
  });

  it('understands a follow-up from the previous question, and forgets it after the context expires', async () => {
    const u = user(203);
    const chat = privateChat(u);
    await h.say(u, chat, '什么是三治融合？');
    const followUp = lastMessage(await h.say(u, chat, '它是谁提出的？'));
    expect(followUp.text).toContain('三治融合');
    expect(followUp.text).toContain('[1]');

    clock += 601_000;
    const alone = lastMessage(await h.say(u, chat, '它是谁提出的？'));
    expect(alone.text).toContain('没有找到');
  });

  it('says plainly when the documents do not answer, with feedback, notify-me and a-person buttons but no citations', async () => {
    const u = user(204);
    const answer = lastMessage(await h.say(u, privateChat(u), '今天天气怎么样？'));
    expect(answer.text).toContain('现有文件中没有找到');
    expect(buttons(answer).map((b) => b.data.split(':')[0])).toEqual(['vote', 'vote', 'sub', 'human']);
    expect(buttons(answer).map((b) => b.text)).toContain('🔔 能回答时通知我');
  });

  it('answers an English question in English with the quotes in Chinese', async () => {
    const u = user(205, 'en');
    const answer = lastMessage(await h.say(u, privateChat(u), 'what is 三治融合'));
    expect(answer.text).toContain('The documents say');
    expect(answer.text).toContain('Sources');
    expect(buttons(answer).some((b) => b.text === '👍 Helpful')).toBe(true);
  });

  it('explains the limit instead of answering an over-long question', async () => {
    const u = user(206);
    const calls = await h.say(u, privateChat(u), '请问'.repeat(251));
    expect(calls.some((c) => c.method === 'sendChatAction')).toBe(false);
    expect(texts(calls)).toEqual([expect.stringContaining('超过了 500 字的上限')]);
  });
});

describe('other messages', () => {
  it.each([
    ['a sticker', 301, { sticker: { file_id: 'x', file_unique_id: 'x', type: 'regular', width: 512, height: 512, is_animated: false, is_video: false } }],
    ['a photo', 302, { photo: [{ file_id: 'p', file_unique_id: 'p', width: 90, height: 90 }] }],
    ['a voice message', 303, { voice: { file_id: 'v', file_unique_id: 'v', duration: 3 } }],
    ['a file', 304, { document: { file_id: 'd', file_unique_id: 'd', file_name: 'a.pdf' } }],
  ])('asks politely for text when sent %s', async (_kind, id, fields) => {
    const u = user(id);
    const calls = await h.handle(() => h.fake.sendMessage(u, privateChat(u), fields));
    expect(texts(calls)).toEqual([expect.stringContaining('我只能读文字问题')]);
  });

  it('lists the sources and says what it is', async () => {
    const u = user(310);
    const [sources] = texts(await h.say(u, privateChat(u), '/sources'));
    expect(sources).toContain('已收录的文件（4 份）');
    const [about] = texts(await h.say(u, privateChat(u), '/about'));
    expect(about).toContain('只来自已收录的文件原文');
  });

  it('points to /help on an unknown command', async () => {
    const u = user(311);
    expect(texts(await h.say(u, privateChat(u), '/weather'))).toEqual([expect.stringContaining('/help')]);
  });
});
