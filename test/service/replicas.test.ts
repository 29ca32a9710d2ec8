// The real thing: real bot processes in webhook mode (spawned through the CLI), behind a real nginx running
// deploy/nginx.conf, sharing a real redis-server (or one replica on SQLite), driven by many simulated users
// through the fake Bot API with Telegram's webhook side in front of it (re-delivery of unacknowledged updates).
import type { Chat, Update, User } from 'telegraf/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTelegramApi } from '../../src/dev/telegram-api.ts';
import { redisServerAvailable, type RedisServer, startRedisServer } from '../helpers/redis-server.ts';
import { type ShippedIndex, shippedIndex } from '../helpers/shipped-index.ts';
import { type Nginx, nginxAvailable, startNginx } from './nginx.ts';
import { freePort, type Replica, startReplica } from './replica.ts';
import { type Delivery, TelegramFront } from './telegram-front.ts';

const NGINX = nginxAvailable();
const REDIS = NGINX && redisServerAvailable();
const SECRET = 'replica-test_secret';
const WEBHOOK_URL = 'https://bot.example.org/tg/hook';
const LIMIT = 3;

const user = (id: number): User => ({ id, is_bot: false, first_name: `u${id}`, language_code: 'zh-hans' });
const chatOf = (u: User): Chat.PrivateChat => ({ id: u.id, type: 'private', first_name: u.first_name });

interface World {
  fake: FakeTelegramApi;
  front: TelegramFront;
  nginx: Nginx;
  replicas: Replica[];
  ports: number[];
  env: Record<string, string>;
  start(i: number): Promise<Replica>;
  close(): Promise<void>;
}

async function startWorld(index: ShippedIndex, count: number, redis?: RedisServer): Promise<World> {
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
    DATA_DIR: c.dataDir,
    RATE_LIMIT_PER_MINUTE: String(LIMIT),
    UPDATE_LEASE_SECONDS: '1',
    DRAIN_SECONDS: '5',
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'info',
    ...(redis ? { REDIS_URL: redis.url, STATE_NAMESPACE: `t${process.pid}` } : {}),
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
    },
  };
  for (let i = 0; i < count; i++) await world.start(i); // one by one: the first registers the webhook
  return world;
}

/** A user's message through nginx, as Telegram would deliver it (re-delivered until acknowledged). */
async function say(w: World, u: User, text: string, opts?: { deadlineMs?: number }): Promise<{ update: Update; delivery: Delivery }> {
  const update = w.fake.sendText(u, chatOf(u), text);
  return { update, delivery: await w.front.deliver(update, opts) };
}

/** Straight to one replica, bypassing nginx (to pick which replica sees it). */
async function sayTo(w: World, r: Replica, u: User, text: string): Promise<number> {
  const update = w.fake.sendText(u, chatOf(u), text);
  const res = await fetch(`http://127.0.0.1:${r.port}/tg/hook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
    body: JSON.stringify(update),
  });
  return res.status;
}

const sent = (w: World, chatId: number) => w.fake.calls.filter((c) => c.ok && c.method === 'sendMessage' && c.params.chat_id === chatId);
const lastText = (w: World, chatId: number) => String(sent(w, chatId).at(-1)?.params.text ?? '');

/** Waits (bounded) until `ok()` holds; returns whether it did. */
async function until(ok: () => boolean, timeoutMs = 10_000): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!ok() && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
  return ok();
}

/** The scenarios both stores must pass; `other` is the replica a follow-up goes to. */
function commonScenarios(get: () => World, replicaCount: number) {
  it('answers every update of many concurrent users exactly once', async () => {
    const w = get();
    const users = Array.from({ length: 40 }, (_, i) => user(1000 + i));
    const questions = ['什么是三治融合？', '法定结婚年龄是多少？'];
    const deliveries = await Promise.all(users.flatMap((u) => questions.map((q) => say(w, u, q))));
    expect(deliveries.every((d) => d.delivery.acked)).toBe(true);
    expect(await until(() => users.every((u) => sent(w, u.id).length >= 2))).toBe(true);
    await new Promise((r) => setTimeout(r, 300)); // a duplicate would come now
    for (const u of users) expect(sent(w, u.id)).toHaveLength(2);
    if (replicaCount > 1) {
      // nginx spread the load: each replica took updates in.
      for (const r of w.replicas) expect(await r.metric('wenzheng_updates_total')).toBeGreaterThan(0);
    }
  });

  it('answers a re-delivered update once', async () => {
    const w = get();
    const u = user(2001);
    const { update } = await say(w, u, '什么是三治融合？');
    expect(await until(() => sent(w, u.id).length === 1)).toBe(true);
    for (let i = 0; i < 3; i++) expect((await w.front.deliver(update)).acked).toBe(true); // both replicas see it again
    await new Promise((r) => setTimeout(r, 300));
    expect(sent(w, u.id)).toHaveLength(1);
    let dups = 0;
    for (const r of w.replicas) dups += await r.metric('wenzheng_updates_deduplicated_total');
    expect(dups).toBeGreaterThanOrEqual(3);
  });

  it('holds one rate limit per user whichever replica counts', async () => {
    const w = get();
    const u = user(2002);
    for (let i = 0; i < LIMIT + 3; i++) await say(w, u, '什么是三治融合？');
    await until(() => sent(w, u.id).length >= LIMIT + 1);
    await new Promise((r) => setTimeout(r, 300));
    const texts = sent(w, u.id).map((c) => String(c.params.text));
    expect(texts).toHaveLength(LIMIT + 1); // LIMIT answers, one "slow down", then silence
    expect(texts.filter((t) => /请休息一下/.test(t))).toHaveLength(1);
  });

  it('keeps the conversation for a follow-up that lands on another replica', async () => {
    const w = get();
    const u = user(2003);
    const [a, b] = [w.replicas[0], w.replicas[replicaCount - 1]];
    expect(await sayTo(w, a, u, '什么是三治融合？')).toBe(200);
    expect(await until(() => sent(w, u.id).length === 1)).toBe(true);
    expect(await sayTo(w, b, u, '它是谁提出的？')).toBe(200);
    expect(await until(() => sent(w, u.id).length === 2)).toBe(true);
    expect(lastText(w, u.id)).toContain('三治融合');
    expect(lastText(w, u.id)).toContain('[1]');
  });
}

/** kill -9 of replica 0 while 30 users ask; returns what happened to each update. */
async function killUnderLoad(w: World, firstUser: number) {
  const victim = w.replicas[0];
  const users = Array.from({ length: 30 }, (_, i) => user(firstUser + i));
  const pending = users.map((u, i) => new Promise((r) => setTimeout(r, i * 5)).then(() => say(w, u, '法定结婚年龄是多少？', { deadlineMs: 40_000 })));
  await new Promise((r) => setTimeout(r, 40));
  await victim.kill9();
  return { victim, users, pending };
}

function settleKill(w: World, users: User[], results: { update: Update; delivery: Delivery }[], deadPid: number) {
  // Telegram re-delivers anything not acknowledged: every update ends up acknowledged by a live replica or
  // by the victim before it died.
  expect(results.every((r) => r.delivery.acked)).toBe(true);
  const ackedByDead = results.filter((r) => r.delivery.instance?.endsWith(`:${deadPid}`));
  const survivors = users.filter((_, i) => !results[i].delivery.instance?.endsWith(`:${deadPid}`));
  return { ackedByDead, survivors, answered: (u: User) => sent(w, u.id).length };
}

describe.skipIf(!REDIS)('two replicas on Redis behind nginx', () => {
  let index: ShippedIndex;
  let redis: RedisServer;
  let w: World;

  beforeAll(async () => {
    [index, redis] = await Promise.all([shippedIndex(), startRedisServer()]);
    w = await startWorld(index, 2, redis);
  }, 90_000);

  afterAll(async () => {
    await w?.close();
    await redis?.stop();
    index?.cleanup();
  });

  commonScenarios(() => w, 2);

  it('loses no re-deliverable update when one replica is killed (-9) under load, and the other keeps answering', async () => {
    const { victim, users, pending } = await killUnderLoad(w, 3000);
    const results = await Promise.all(pending);
    const { ackedByDead, survivors, answered } = settleKill(w, users, results, victim.proc.pid!);
    expect(await until(() => survivors.every((u) => answered(u) === 1))).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    for (const u of users) expect(answered(u)).toBeLessThanOrEqual(1);
    // Acknowledged by the victim before it died: Telegram will not send those again; say how many there were.
    console.info(`kill -9 under load: ${ackedByDead.length} of ${users.length} updates were acknowledged by the killed replica`);
    expect(await w.replicas[1].metric('wenzheng_updates_total')).toBeGreaterThan(0);
  }, 60_000);

  it('keeps conversations across a restart of both replicas, never deletes the webhook, registers it once', async () => {
    const u = user(4001);
    await say(w, u, '什么是三治融合？');
    expect(await until(() => sent(w, u.id).length === 1)).toBe(true);
    expect(await w.replicas[1].stop()).toBe(0); // SIGTERM: drains and exits cleanly
    await Promise.all([w.start(0), w.start(1)]);
    await say(w, u, '它是谁提出的？');
    expect(await until(() => sent(w, u.id).length === 2)).toBe(true);
    expect(lastText(w, u.id)).toContain('三治融合');
    const methods = w.front.webhookCalls.map((c) => c.method);
    expect(methods).not.toContain('deleteWebhook');
    expect(methods.filter((m) => m === 'setWebhook')).toHaveLength(1);
  }, 60_000);
});

describe.skipIf(!NGINX)('one replica on SQLite behind nginx', () => {
  let index: ShippedIndex;
  let w: World;

  beforeAll(async () => {
    index = await shippedIndex();
    w = await startWorld(index, 1);
  }, 90_000);

  afterAll(async () => {
    await w?.close();
    index?.cleanup();
  });

  commonScenarios(() => w, 1);

  it('after kill -9 under load and a restart, answers every update Telegram re-delivers, none twice', async () => {
    const { victim, users, pending } = await killUnderLoad(w, 5000);
    await w.start(0); // Telegram keeps re-delivering meanwhile
    const results = await Promise.all(pending);
    const { survivors, answered } = settleKill(w, users, results, victim.proc.pid!);
    expect(await until(() => survivors.every((u) => answered(u) === 1))).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    for (const u of users) expect(answered(u)).toBeLessThanOrEqual(1);
  }, 60_000);

  it('keeps conversations across a restart', async () => {
    const u = user(6001);
    await say(w, u, '什么是三治融合？');
    expect(await until(() => sent(w, u.id).length === 1)).toBe(true);
    expect(await w.replicas[0].stop()).toBe(0);
    await w.start(0);
    await say(w, u, '它是谁提出的？');
    expect(await until(() => sent(w, u.id).length === 2)).toBe(true);
    expect(lastText(w, u.id)).toContain('三治融合');
    expect(w.front.webhookCalls.map((c) => c.method)).not.toContain('deleteWebhook');
  }, 60_000);
});
