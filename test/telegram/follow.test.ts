// The bot's side of the loop, piece by piece, through the fake Bot API: what the question log gets (and does
// not), intent metrics, following and unfollowing, the way to a person after a 👎, and retention at start.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotMessage } from '../../src/dev/telegram-api.ts';
import { SqliteStore } from '../../src/state/sqlite.ts';
import type { ShippedIndex } from '../helpers/shipped-index.ts';
import { buildTestIndex, type Harness, privateChat, startHarness, user } from './harness.ts';

let built: ShippedIndex;
let h: Harness;
let store: SqliteStore;
const DAY = 86_400_000;
let clock = Date.now();

beforeAll(async () => {
  built = await buildTestIndex({ RATE_LIMIT_PER_MINUTE: '3', QUESTION_RETENTION_DAYS: '30', USER_HASH_KEY: 'k' });
  store = SqliteStore.open(built.config.dataDir, { now: () => clock });
  // A row from 40 days ago: retention (30 days) must delete it when the bot starts.
  await store.questions.record({
    at: clock - 40 * DAY,
    text: '很久以前的问题',
    outcome: 'refused',
    docs: [],
    latencyMs: 1,
    chatKind: 'private',
    userHash: 'x',
  });
  h = await startHarness(built.config, { store, now: () => clock });
}, 120_000);

afterAll(async () => {
  await h?.close();
  await store?.close();
  built?.cleanup();
});

const latestIn = (chatId: number) => h.fake.messagesIn(chatId).at(-1)!;
const button = (m: BotMessage, text: string) => m.reply_markup?.inline_keyboard.flat().find((b) => b.text === text) as { callback_data: string } | undefined;
const metric = async (line: RegExp) => Number(line.exec(await h.bot.metrics.text())?.[1] ?? 0);

describe('question log and metrics', () => {
  it('purged rows older than QUESTION_RETENTION_DAYS when the bot started', async () => {
    expect((await store.questions.since(0)).map((r) => r.text)).not.toContain('很久以前的问题');
  });

  it('does not log a greeting, and counts it as a fixed reply, not a refusal', async () => {
    const u = user(8801);
    const before = (await store.questions.since(0)).length;
    const refused = await metric(/wenzheng_answers_total\{outcome="refused"\} (\d+)/);
    await h.say(u, privateChat(u), '你好');
    expect((await store.questions.since(0)).length).toBe(before);
    expect(await metric(/wenzheng_answers_total\{outcome="refused"\} (\d+)/)).toBe(refused);
    expect(await metric(/wenzheng_answers_total\{outcome="fixed"\} (\d+)/)).toBeGreaterThan(0);
    expect(await metric(/wenzheng_intents_total\{intent="greeting"\} (\d+)/)).toBeGreaterThan(0);
    expect(button(latestIn(u.id), '🔔 能回答时通知我')).toBeUndefined();
  });

  it('logs answered and rate-limited questions with the redacted text and a hash, never the id', async () => {
    const u = user(8802);
    const since = clock;
    for (let i = 0; i < 5; i++) await h.say(u, privateChat(u), `什么是三治融合？身份证110101199003071234 第${i}次`);
    const rows = await store.questions.since(since);
    expect(rows.map((r) => r.outcome)).toEqual(['answered', 'answered', 'answered', 'rate-limited', 'rate-limited']);
    expect(rows[0].docs.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.userHash)).size).toBe(1);
    const text = JSON.stringify(rows);
    expect(text).not.toContain('110101199003071234');
    expect(text).not.toContain('8802');
    clock += 61_000; // the rate window passes
  });
});

describe('following and a person', () => {
  it('lists what a chat follows and removes one with its button', async () => {
    const u = user(8803);
    await h.say(u, privateChat(u), '什么是三治融合？');
    const answer = latestIn(u.id);
    await h.press(u, answer, button(answer, '🔔 有变化时通知我')!.callback_data);
    // Following twice is one subscription.
    await h.press(u, answer, button(answer, '🔔 有变化时通知我')!.callback_data);
    expect(await store.subscriptions.list(String(u.id))).toHaveLength(1);
    clock += 61_000; // the question and two presses used this minute's 3 (RATE_LIMIT_PER_MINUTE)
    await h.say(u, privateChat(u), '/subscriptions');
    const list = latestIn(u.id);
    expect(list.text).toContain('三治融合');
    await h.press(u, list, button(list, '取消第 1 条')!.callback_data);
    expect(await store.subscriptions.list(String(u.id))).toEqual([]);
    await h.say(u, privateChat(u), '/subscriptions');
    expect(latestIn(u.id).text).toContain('还没有关注');
  });

  it('offers a person after a 👎, with the question and the cited sources packaged', async () => {
    clock += 61_000;
    const u = user(8804);
    await h.say(u, privateChat(u), '什么是三治融合？');
    const answer = latestIn(u.id);
    await h.press(u, answer, button(answer, '👎 没帮助')!.callback_data);
    const offer = latestIn(u.id);
    await h.press(u, offer, button(offer, '📞 转人工咨询')!.callback_data);
    const text = latestIn(u.id).text;
    expect(text).toContain('12345');
    expect(text).toContain('【咨询问题】什么是三治融合');
    expect(text).toContain('不满意');
    expect(text).toMatch(/【已查阅】《/);
    // The vote joins its question-log row.
    const [vote] = (await store.feedback.list(0)).filter((f) => f.vote === 'down');
    expect(vote.questionId).toBeDefined();
  });
});
