// What keeps the bot standing: the per-user rate limit, Telegram's 429s, a failing update, and feedback
// votes stored for operators without user ids.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ExtractiveAnswerer } from '../../src/answer/extractive.ts';
import type { Answerer, AnswerInput } from '../../src/answer/types.ts';
import type { Config } from '../../src/config.ts';
import { STATE_FILE } from '../../src/state/sqlite.ts';
import { buildTestIndex, type Harness, privateChat, startHarness, texts, user } from './harness.ts';

/** The offline answerer, except that it throws once when armed. */
class FlakyAnswerer implements Answerer {
  readonly name = 'flaky';
  armed = false;
  private inner = new ExtractiveAnswerer();
  answer(input: AnswerInput) {
    if (this.armed) {
      this.armed = false;
      throw new Error('answerer exploded');
    }
    return this.inner.answer(input);
  }
}

const flaky = new FlakyAnswerer();

let h: Harness;
let config: Config;
let cleanup: () => void;
let clock = Date.now();

beforeAll(async () => {
  const built = await buildTestIndex({ RATE_LIMIT_PER_MINUTE: '3' });
  ({ config, cleanup } = built);
  h = await startHarness(config, { answerer: flaky, now: () => clock });
});

afterAll(async () => {
  await h?.close();
  cleanup?.();
});

it('answers up to the per-user limit, says so once, then is quiet until the minute has passed', async () => {
  const u = user(601);
  const chat = privateChat(u);
  for (let i = 0; i < 3; i++) expect(texts(await h.say(u, chat, '什么是三治融合？')).at(-1)).toContain('[1]');
  expect(texts(await h.say(u, chat, '什么是三治融合？'))).toEqual([expect.stringMatching(/请休息一下，\d+ 秒后再问我/)]);
  expect(await h.say(u, chat, '什么是三治融合？')).toEqual([]);
  // Other users are not affected.
  const other = user(602);
  expect(texts(await h.say(other, privateChat(other), '什么是三治融合？')).at(-1)).toContain('[1]');
  clock += 60_000;
  expect(texts(await h.say(u, chat, '什么是三治融合？')).at(-1)).toContain('[1]');
});

it('waits as long as a 429 says and then delivers the answer', async () => {
  const u = user(603);
  h.fake.failNext('sendMessage', 1);
  const t0 = performance.now();
  const calls = await h.say(u, privateChat(u), '什么是四季评议？');
  const sends = calls.filter((c) => c.method === 'sendMessage');
  expect(sends.map((c) => c.ok)).toEqual([false, true]);
  expect(sends[0].error).toContain('429');
  expect(sends[1].at - sends[0].at).toBeGreaterThanOrEqual(990);
  expect(performance.now() - t0).toBeGreaterThanOrEqual(990);
  expect(String(sends[1].params.text)).toContain('四季评议');
});

it('apologises for an update that fails and goes on answering', async () => {
  const u = user(604);
  const chat = privateChat(u);
  flaky.armed = true;
  expect(texts(await h.say(u, chat, '什么是三治融合？'))).toEqual([expect.stringContaining('出了点问题')]);
  expect(texts(await h.say(u, chat, '什么是三治融合？')).at(-1)).toContain('[1]');
});

it('stores a feedback vote with the question and the cited paragraphs, and no user id', async () => {
  const u = user(987_654_321);
  const chat = privateChat(u);
  await h.say(u, chat, '法定结婚年龄是多少？');
  const answer = h.fake.messagesIn(chat.id).at(-1)!;
  const data = (vote: string) =>
    answer
      .reply_markup!.inline_keyboard.flat()
      .map((b) => ('callback_data' in b ? b.callback_data : ''))
      .find((d) => d.endsWith(`:${vote}`))!;

  const calls = await h.press(u, answer, data('down'));
  expect(calls.find((c) => c.method === 'answerCallbackQuery')?.params.text).toBe('谢谢您的反馈！');
  let rows = await h.bot.services.store.feedback.list();
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ question: '法定结婚年龄是多少？', found: true, vote: 'down' });
  expect(rows[0].citations[0]).toMatchObject({ n: 1, doc: '民法典-婚姻家庭编.md', title: '中华人民共和国民法典·婚姻家庭编' });
  expect(rows[0].citations[0].paragraph).toBeGreaterThan(0);

  // The same user changing their mind updates their vote; another user adds their own.
  await h.press(u, answer, data('up'));
  await h.press(user(605), answer, data('up'));
  rows = await h.bot.services.store.feedback.list();
  expect(rows.map((r) => r.vote)).toEqual(['up', 'up']);

  // The state store (votes, rate windows, conversations) knows users only by keyed hashes.
  const files = [STATE_FILE, `${STATE_FILE}-wal`].map((f) => join(config.dataDir, f)).filter(existsSync);
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) expect(readFileSync(file).includes(String(u.id))).toBe(false);
});

it('tells the user when the answer behind a button has expired', async () => {
  const u = user(606);
  await h.say(u, privateChat(u), '什么是三治融合？');
  const answer = h.fake.messagesIn(u.id).at(-1)!;
  const cite = answer.reply_markup!.inline_keyboard[0][0];
  clock += 25 * 3600_000;
  const calls = await h.press(u, answer, 'callback_data' in cite ? cite.callback_data : '');
  expect(calls.map((c) => [c.method, c.params.text])).toEqual([['answerCallbackQuery', '这条回答已过期，请重新提问。']]);
});
