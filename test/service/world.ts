// Test helper: the service as it runs in production, on loopback — N bot processes in webhook mode (through
// the CLI), nginx running deploy/nginx.conf in front, Telegram's webhook side (telegram-front.ts) before the fake
// Bot API, and Redis or SQLite for state. Used by replicas.test.ts and the load run (load.ts).
import type { Chat, Update, User } from 'telegraf/types';
import { FakeTelegramApi } from '../../src/dev/telegram-api.ts';
import { freePort } from '../helpers/ports.ts';
import type { RedisServer } from '../helpers/redis-server.ts';
import { type ShippedIndex, tempDir } from '../helpers/shipped-index.ts';
import { type Nginx, startNginx } from './nginx.ts';
import { type Replica, startReplica } from './replica.ts';
import { type Delivery, TelegramFront } from './telegram-front.ts';

export const SECRET = 'replica-test_secret';
export const WEBHOOK_URL = 'https://bot.example.org/tg/hook';

export const user = (id: number): User => ({ id, is_bot: false, first_name: `u${id}`, language_code: 'zh-hans' });
export const chatOf = (u: User): Chat.PrivateChat => ({ id: u.id, type: 'private', first_name: u.first_name });

export interface World {
  fake: FakeTelegramApi;
  front: TelegramFront;
  nginx: Nginx;
  replicas: Replica[];
  ports: number[];
  env: Record<string, string>;
  start(i: number): Promise<Replica>;
  close(): Promise<void>;
}

export async function startWorld(index: ShippedIndex, count: number, opts: { redis?: RedisServer; env?: Record<string, string> } = {}): Promise<World> {
  const data = tempDir('wz-replicas-');
  const fake = new FakeTelegramApi();
  const front = new TelegramFront(fake);
  const apiRoot = await front.start();
  const ports = await Promise.all(Array.from({ length: count }, freePort));
  const nginx = await startNginx(await freePort(), ports);
  front.target = `http://127.0.0.1:${nginx.port}${new URL(WEBHOOK_URL).pathname}`;
  const c = index.config;
  const env: Record<string, string> = {
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: apiRoot,
    WEBHOOK_URL,
    WEBHOOK_SECRET: SECRET,
    CORPUS_DIR: c.corpusDir,
    INDEX_DIR: c.indexDir,
    DATA_DIR: data.dir,
    UPDATE_LEASE_SECONDS: '1',
    DRAIN_SECONDS: '5',
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'info',
    ...(opts.redis ? { REDIS_URL: opts.redis.url, STATE_NAMESPACE: `t${process.pid}-${count}` } : {}),
    ...opts.env,
  };
  const world: World = {
    fake,
    front,
    nginx,
    ports,
    env,
    replicas: [],
    async start(i) {
      const r = await startReplica(`bot-${i + 1}`, ports[i], env);
      world.replicas[i] = r;
      return r;
    },
    async close() {
      await Promise.all(world.replicas.map((r) => r?.kill9()));
      await nginx.stop();
      await front.stop();
      data.cleanup();
    },
  };
  for (let i = 0; i < count; i++) await world.start(i); // one by one: the first registers the webhook
  return world;
}

/** A user's message through nginx, as Telegram would deliver it (re-delivered until acknowledged). */
export async function say(w: World, u: User, text: string, opts?: { deadlineMs?: number }): Promise<{ update: Update; delivery: Delivery }> {
  const update = w.fake.sendText(u, chatOf(u), text);
  return { update, delivery: await w.front.deliver(update, opts) };
}

/** Straight to one replica, bypassing nginx (to pick which replica sees it); returns the HTTP status. */
export async function sayTo(w: World, r: Replica, u: User, text: string): Promise<number> {
  const update = w.fake.sendText(u, chatOf(u), text);
  const res = await fetch(`http://127.0.0.1:${r.port}${new URL(WEBHOOK_URL).pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
    body: JSON.stringify(update),
  });
  return res.status;
}

/** The messages the bot sent into a chat (answers, notes), in order. */
export const sent = (w: World, chatId: number) => w.fake.calls.filter((c) => c.ok && c.method === 'sendMessage' && c.params.chat_id === chatId);
export const lastText = (w: World, chatId: number) => String(sent(w, chatId).at(-1)?.params.text ?? '');

/** Waits (bounded) until `ok()` holds; returns whether it did. */
export async function until(ok: () => boolean, timeoutMs = 10_000): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!ok() && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
  return ok();
}
