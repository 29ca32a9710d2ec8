// Webhook mode: updates POSTed to the bot's own HTTP server, accepted only on the webhook path with the secret
// token header; the bot registers the webhook (with the secret) and replies through the Bot API.

import type { Update } from 'telegraf/types';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { App } from '../../src/app/app.ts';
import { FakeTelegramApi } from '../../src/dev/telegram-api.ts';
import { type HandledEvent, WenzhengBot } from '../../src/telegram/bot.ts';
import { buildTestIndex, privateChat, user } from './harness.ts';

const SECRET = 'S3cret_webhook-token';
const u = user(801);
let fake: FakeTelegramApi;
let bot: WenzhengBot;
let base: string;
let cleanup: () => void;
let nextId = 1;

beforeAll(async () => {
  const built = await buildTestIndex();
  cleanup = built.cleanup;
  fake = new FakeTelegramApi();
  const apiRoot = await fake.start();
  bot = await WenzhengBot.create(App.open(built.config), { token: fake.token, apiRoot });
  const address = await bot.startWebhook({ url: 'https://bot.example.org/tg/hook', port: 0, host: '127.0.0.1', secret: SECRET });
  base = `http://127.0.0.1:${address.port}`;
});

afterAll(async () => {
  await bot?.stop('test over');
  await fake?.stop();
  cleanup?.();
});

function update(text: string): Update {
  return { update_id: nextId++, message: { message_id: nextId, date: 0, chat: privateChat(u), from: u, text } } as Update;
}

function post(path: string, body: Update, secret?: string): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (secret) headers['x-telegram-bot-api-secret-token'] = secret;
  return fetch(base + path, { method: 'POST', headers, body: JSON.stringify(body) });
}

it('registers its URL and secret with Telegram', async () => {
  const call = await fake.waitForCall((c) => c.method === 'setWebhook');
  expect(call.params).toMatchObject({ url: 'https://bot.example.org/tg/hook', secret_token: SECRET });
});

it('answers an update POSTed with the right secret', async () => {
  const up = update('什么是三治融合？');
  const handled = new Promise<HandledEvent>((ok) => bot.once('handled', ok));
  const res = await post('/tg/hook', up, SECRET);
  expect(res.status).toBe(200);
  expect((await handled).updateId).toBe(up.update_id);
  const answer = fake.messagesIn(u.id).at(-1)!;
  expect(answer.text).toContain('三治融合');
  expect(answer.reply_markup).toBeDefined();
});

it.each([
  ['a wrong secret', '/tg/hook', 'not-the-secret'],
  ['no secret', '/tg/hook', undefined],
  ['another path', '/other', SECRET],
])('rejects a POST with %s, and sends nothing', async (_what, path, secret) => {
  const before = fake.calls.length;
  let handled = false;
  const onHandled = () => (handled = true);
  bot.on('handled', onHandled);
  const res = await post(path, update('什么是三治融合？'), secret);
  await new Promise((ok) => setTimeout(ok, 100));
  bot.off('handled', onHandled);
  expect(res.status).toBe(403);
  expect(handled).toBe(false);
  expect(fake.calls.slice(before)).toEqual([]);
});
