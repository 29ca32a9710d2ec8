// Webhook mode: updates POSTed to the bot's own HTTP server, accepted only on the webhook path with the secret
// token header, limited to 1 MB and decoded whole, claimed in the state store before the 200 (so a re-delivery
// is answered once), answered after it; setWebhook only when needed, never deleteWebhook; SIGTERM drains.
import { request } from 'node:http';
import type { Update } from 'telegraf/types';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { App } from '../../src/app/app.ts';
import { FakeTelegramApi } from '../../src/dev/telegram-api.ts';
import { SqliteStore } from '../../src/state/sqlite.ts';
import { type HandledEvent, WenzhengBot } from '../../src/telegram/bot.ts';
import { TelegramFront } from '../service/telegram-front.ts';
import { buildTestIndex, privateChat, user } from './harness.ts';

const SECRET = 'S3cret_webhook-token';
const URL_ = 'https://bot.example.org/tg/hook';
const u = user(801);
let front: TelegramFront;
let fake: FakeTelegramApi;
let apiRoot: string;
let app: App;
let store: SqliteStore;
let bot: WenzhengBot;
let base: string;
let cleanup: () => void;
let nextId = 1;

beforeAll(async () => {
  const built = await buildTestIndex({ UPDATE_LEASE_SECONDS: '0.5' });
  cleanup = built.cleanup;
  fake = new FakeTelegramApi();
  front = new TelegramFront(fake);
  apiRoot = await front.start();
  app = App.open(built.config);
  store = SqliteStore.open(built.config.dataDir);
  bot = await WenzhengBot.create(app, { token: fake.token, apiRoot, store });
  const address = await bot.startWebhook({ url: URL_, port: 0, host: '127.0.0.1', secret: SECRET });
  base = `http://127.0.0.1:${address.port}`;
});

afterAll(async () => {
  await bot?.stop('test over', 1000);
  await front?.stop();
  await store?.close();
  cleanup?.();
});

function update(text: string, from = u): Update {
  return { update_id: nextId++, message: { message_id: nextId, date: 0, chat: privateChat(from), from, text } } as Update;
}

function post(path: string, body: Update | string, secret?: string): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (secret) headers['x-telegram-bot-api-secret-token'] = secret;
  return fetch(base + path, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

function handledOnce(id: number): Promise<HandledEvent> {
  return new Promise((ok) => {
    const on = (e: HandledEvent) => {
      if (e.updateId !== id) return;
      bot.off('handled', on);
      ok(e);
    };
    bot.on('handled', on);
  });
}

const answersTo = (chatId: number) => fake.calls.filter((c) => c.method === 'sendMessage' && c.params.chat_id === chatId).length;

it('registers its URL and secret with Telegram', () => {
  expect(front.webhookCalls.filter((c) => c.method === 'setWebhook')).toEqual([
    { method: 'setWebhook', params: expect.objectContaining({ url: URL_, secret_token: SECRET }) },
  ]);
});

it('answers an update POSTed with the right secret, after the 200', async () => {
  const up = update('什么是三治融合？');
  const handled = handledOnce(up.update_id);
  const res = await post('/tg/hook', up, SECRET);
  expect(res.status).toBe(200);
  expect((await handled).updateId).toBe(up.update_id);
  const answer = fake.messagesIn(u.id).at(-1)!;
  expect(answer.text).toContain('三治融合');
  expect(answer.reply_markup).toBeDefined();
});

it('answers a re-delivered update once: the second POST is acknowledged and dropped', async () => {
  const v = user(802);
  const up = update('什么是三治融合？', v);
  const handled = handledOnce(up.update_id);
  expect((await post('/tg/hook', up, SECRET)).status).toBe(200);
  await handled;
  expect((await post('/tg/hook', up, SECRET)).status).toBe(200);
  await new Promise((ok) => setTimeout(ok, 200));
  expect(answersTo(v.id)).toBe(1);
  expect(await bot.metrics.duplicates.get()).toMatchObject({ values: [{ value: 1 }] });
});

it('asks Telegram to retry (503) an update another replica leased but never confirmed, and takes it once the lease lapsed', async () => {
  const v = user(803);
  const up = update('什么是三治融合？', v);
  expect(await store.updates.claim(up.update_id, 500)).toBe(true); // a replica that died before its 200
  expect((await post('/tg/hook', up, SECRET)).status).toBe(503);
  await new Promise((ok) => setTimeout(ok, 600));
  const handled = handledOnce(up.update_id);
  expect((await post('/tg/hook', up, SECRET)).status).toBe(200);
  await handled;
  expect(answersTo(v.id)).toBe(1);
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

it('refuses a body over 1 MB with 413 without answering, and a body that is not an update with 400', async () => {
  const before = fake.calls.length;
  const big = JSON.stringify({ ...update('x'), padding: 'x'.repeat(1024 * 1024) });
  expect((await post('/tg/hook', big, SECRET)).status).toBe(413);
  // Without a Content-Length (chunked), the limit holds while reading.
  const status = await new Promise<number>((ok, fail) => {
    const req = request(`${base}/tg/hook`, { method: 'POST', headers: { 'x-telegram-bot-api-secret-token': SECRET } }, (res) => ok(res.statusCode!));
    req.on('error', fail);
    for (let i = 0; i < 20; i++) req.write('x'.repeat(100 * 1024));
    req.end();
  }).catch(() => 413);
  expect(status).toBe(413);
  expect((await post('/tg/hook', '{"message": {}}', SECRET)).status).toBe(400);
  expect((await post('/tg/hook', '{not json', SECRET)).status).toBe(400);
  expect(fake.calls.slice(before)).toEqual([]);
});

it('decodes the body only once it is whole: a question split inside a UTF-8 character arrives intact', async () => {
  const v = user(804);
  const up = update('法定结婚年龄是多少？', v);
  const bytes = Buffer.from(JSON.stringify(up));
  const cut = bytes.indexOf(Buffer.from('婚')) + 1; // inside the three bytes of 婚
  const handled = handledOnce(up.update_id);
  const status = await new Promise<number>((ok, fail) => {
    const req = request(`${base}/tg/hook`, { method: 'POST', headers: { 'x-telegram-bot-api-secret-token': SECRET } }, (res) => ok(res.statusCode!));
    req.on('error', fail);
    req.write(bytes.subarray(0, cut));
    setTimeout(() => req.end(bytes.subarray(cut)), 50);
  });
  expect(status).toBe(200);
  await handled;
  // The button behind the answer holds the question as the bot read it.
  const answer = fake.messagesIn(v.id).at(-1)!;
  const key = /^cite:([\w-]+):/.exec(String((answer.reply_markup!.inline_keyboard[0][0] as { callback_data: string }).callback_data))![1];
  expect((await store.callbacks.get<{ question: string }>(key))?.question).toBe('法定结婚年龄是多少？');
});

it('serves /healthz, /readyz (index and store) and Prometheus /metrics on the webhook port', async () => {
  expect((await fetch(`${base}/healthz`)).status).toBe(200);
  const ready = await fetch(`${base}/readyz`);
  expect(ready.status).toBe(200);
  const text = await ready.text();
  expect(text).toMatch(/index: ok/);
  expect(text).toMatch(/store: ok: sqlite/);
  const metrics = await (await fetch(`${base}/metrics`)).text();
  expect(metrics).toMatch(/^wenzheng_questions_total \d+/m);
  expect(metrics).toMatch(/^wenzheng_answers_total\{outcome="answered"\} [1-9]/m);
  expect(metrics).toMatch(/^wenzheng_updates_deduplicated_total 1$/m);
  expect(metrics).toMatch(/^wenzheng_answer_seconds_bucket/m);
  expect(metrics).toMatch(/^wenzheng_process_resident_memory_bytes/m);
});

it('a second replica with the same URL and secret does not call setWebhook again', async () => {
  const other = await WenzhengBot.create(app, { token: fake.token, apiRoot, store });
  await other.startWebhook({ url: URL_, port: 0, host: '127.0.0.1', secret: SECRET });
  await other.stop('test over', 100);
  expect(front.webhookCalls.filter((c) => c.method === 'setWebhook')).toHaveLength(1);
  expect(front.webhookCalls.filter((c) => c.method === 'getWebhookInfo')).toHaveLength(2);
});

it('drains on stop: the answer in flight finishes, new requests are turned away, the webhook stays registered', async () => {
  const v = user(805);
  const slow = update('什么是三治融合？', v);
  // Hold the answer back: Telegram is slow to take the "typing" action.
  fake.failNext('sendChatAction', 1);
  const handled = handledOnce(slow.update_id);
  expect((await post('/tg/hook', slow, SECRET)).status).toBe(200);
  const stopping = bot.stop('SIGTERM', 5000);
  const late = await post('/tg/hook', update('什么是三治融合？', user(806)), SECRET).then(
    (r) => r.status,
    () => 'refused',
  );
  expect([503, 'refused']).toContain(late);
  await stopping;
  expect((await handled).ok).toBe(true);
  expect(answersTo(v.id)).toBe(1);
  expect(front.webhookCalls.map((c) => c.method)).not.toContain('deleteWebhook');
});
