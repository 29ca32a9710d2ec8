// Group chats: the bot speaks only when mentioned, replied to, or asked with /ask.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestIndex, groupChat, type Harness, startHarness, texts, user } from './harness.ts';

let h: Harness;
let cleanup: () => void;
const group = groupChat(-100123);
const alice = user(501);
const bob = user(502);
const carol = user(503);

beforeAll(async () => {
  const built = await buildTestIndex();
  cleanup = built.cleanup;
  h = await startHarness(built.config);
});

afterAll(async () => {
  await h?.close();
  cleanup?.();
});

it('stays silent on group talk that does not address it', async () => {
  const calls = await h.say(alice, group, '什么是三治融合？大家知道吗');
  expect(calls).toEqual([]);
});

it('ignores stickers in a group', async () => {
  const calls = await h.handle(() =>
    h.fake.sendMessage(bob, group, {
      sticker: { file_id: 's', file_unique_id: 's', type: 'regular', width: 1, height: 1, is_animated: false, is_video: false },
    }),
  );
  expect(calls).toEqual([]);
});

it('answers when mentioned, as a reply to the question, without the mention in the question', async () => {
  const update = h.fake.sendText(alice, group, `@${h.fake.bot.username} 什么是三治融合？`);
  const calls = await h.handle(() => update);
  const answer = h.fake.messagesIn(group.id).at(-1)!;
  expect(texts(calls)).toHaveLength(1);
  expect(answer.reply_to).toBe(update.message.message_id);
  expect(answer.text).toContain('三治融合');
  expect(answer.text).toContain('[1]');
});

it('answers a reply to one of its messages', async () => {
  const botMessage = h.fake.messagesIn(group.id).at(-1)!;
  const calls = await h.handle(() =>
    h.fake.sendText(bob, group, '法定结婚年龄是多少？', {
      reply_to_message: { message_id: botMessage.message_id, date: 0, chat: group, from: h.fake.bot, text: botMessage.text },
    } as never),
  );
  expect(texts(calls).at(-1)).toContain('二十二周岁');
});

it('answers /ask <question>, and explains /ask without a question', async () => {
  const calls = await h.say(bob, group, '/ask 什么是四季评议');
  expect(texts(calls).at(-1)).toContain('四季评议');
  const empty = await h.say(bob, group, `/ask@${h.fake.bot.username}`);
  expect(texts(empty)).toEqual([expect.stringContaining('/ask')]);
});

it('keeps each member’s follow-up context apart', async () => {
  await h.say(alice, group, `@${h.fake.bot.username} 什么是三治融合？`);
  // Carol never asked anything: her "it" has nothing to refer to.
  const calls = await h.say(carol, group, `@${h.fake.bot.username} 它是谁提出的？`);
  expect(texts(calls).at(-1)).toContain('没有找到');
  const own = await h.say(alice, group, `@${h.fake.bot.username} 它是谁提出的？`);
  expect(texts(own).at(-1)).toContain('三治融合');
});
