// Load run for the service (not part of `npm test`): the same setup as replicas.test.ts — real bot processes in
// webhook mode behind nginx (deploy/nginx.conf), state in Redis (or SQLite), the fake Bot API with Telegram's
// webhook side — at 1 and 2 replicas. Many users each ask a few questions in turn (waiting for each answer, as
// people do); measured: answered updates per second (total and per replica), p50/p95 latency from Telegram's
// POST to the answer reaching the Bot API, and each replica's RSS. Writes results/service-load.md.
//   npx tsx test/service/load.ts [--users 100] [--per-user 3] [--out results/service-load.md]
import { execSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { BotCall } from '../../src/dev/telegram-api.ts';
import { setLogLevel } from '../../src/log.ts';
import { type RedisServer, startRedisServer } from '../helpers/redis-server.ts';
import { ROOT, shippedIndex } from '../helpers/shipped-index.ts';
import { say, startWorld, user, type World } from './world.ts';

const QUESTIONS = ['什么是三治融合？', '法定结婚年龄是多少？', '什么是四季评议？', '代书遗嘱需要几个见证人？', 'what is 三治融合', '今天天气怎么样？'];

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '100' },
    'per-user': { type: 'string', default: '3' },
    out: { type: 'string', default: join(ROOT, 'results', 'service-load.md') },
  },
});
const USERS = Number(values.users);
const PER_USER = Number(values['per-user']);

interface Row {
  setup: string;
  replicas: number;
  answered: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  aloneP50: number;
  aloneP95: number;
  rssMb: number[];
  /** Not answered within 30 s of asking (counted in latency as missing), of which `unacked` never got a 200. */
  failed: number;
  unacked: number;
  /** Never answered / answered twice, after waiting for stragglers. */
  lost: number;
  twice: number;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** Resolves when the next message the bot sends into `chatId` arrives at the fake (its time). */
function answers(w: World): (chatId: number) => Promise<number> {
  const waiting = new Map<number, (at: number) => void>();
  w.fake.on('call', (c: BotCall) => {
    if (c.method !== 'sendMessage' || !c.ok) return;
    const chatId = Number(c.params.chat_id);
    const done = waiting.get(chatId);
    if (done) {
      waiting.delete(chatId);
      done(c.at);
    }
  });
  return (chatId) => new Promise((ok) => waiting.set(chatId, ok));
}

async function run(setup: string, replicas: number, redis?: RedisServer): Promise<Row> {
  const index = await shippedIndex();
  const w = await startWorld(index, replicas, { redis, env: { RATE_LIMIT_PER_MINUTE: '1000', LOG_LEVEL: 'warn' } });
  let unacked = 0;
  try {
    const next = answers(w);
    const ask = async (id: number, q: string) => {
      const t0 = performance.now();
      const answered = next(id);
      const { delivery } = await say(w, user(id), q);
      if (!delivery.acked) {
        unacked++;
        return undefined;
      }
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<undefined>((ok) => (timer = setTimeout(() => ok(undefined), 30_000)));
      const at = await Promise.race([answered, late]);
      clearTimeout(timer);
      return at === undefined ? undefined : at - t0;
    };
    for (let i = 0; i < 10; i++) await ask(900_000 + i, QUESTIONS[i % QUESTIONS.length]); // warm-up
    // One user at a time: the latency of an unloaded replica.
    const alone: number[] = [];
    for (let i = 0; i < 30; i++) {
      const ms = await ask(800_000 + i, QUESTIONS[i % QUESTIONS.length]);
      if (ms !== undefined) alone.push(ms);
    }
    alone.sort((a, b) => a - b);
    const latencies: number[] = [];
    let failed = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: USERS }, async (_, u) => {
        for (let k = 0; k < PER_USER; k++) {
          const ms = await ask(100_000 + u, QUESTIONS[(u + k) % QUESTIONS.length]);
          if (ms === undefined) failed++;
          else latencies.push(ms);
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    // Late answers still count as answered; what never came is lost, what came twice is a duplicate.
    const answersIn = (u: number) => w.fake.calls.filter((c) => c.ok && c.method === 'sendMessage' && c.params.chat_id === 100_000 + u).length;
    for (let i = 0; i < 600 && Array.from({ length: USERS }, (_, u) => answersIn(u)).some((n) => n < PER_USER); i++)
      await new Promise((r) => setTimeout(r, 50));
    const counts = Array.from({ length: USERS }, (_, u) => answersIn(u));
    const lost = counts.reduce((a, n) => a + Math.max(0, PER_USER - n), 0);
    const twice = counts.reduce((a, n) => a + Math.max(0, n - PER_USER), 0);
    const rssMb = await Promise.all(w.replicas.map(async (r) => Math.round((await r.metric('wenzheng_process_resident_memory_bytes')) / 1e6)));
    const sorted = latencies.sort((a, b) => a - b);
    const row = {
      setup,
      replicas,
      answered: sorted.length,
      seconds,
      perSecond: sorted.length / seconds,
      p50: pct(sorted, 50),
      p95: pct(sorted, 95),
      aloneP50: pct(alone, 50),
      aloneP95: pct(alone, 95),
      rssMb,
      failed,
      unacked,
      lost,
      twice,
    };
    console.error(
      `${setup} x${replicas}: ${row.perSecond.toFixed(1)} answers/s, loaded p50 ${row.p50.toFixed(0)} / p95 ${row.p95.toFixed(0)} ms, ` +
        `alone p50 ${row.aloneP50.toFixed(0)} / p95 ${row.aloneP95.toFixed(0)} ms, RSS ${rssMb.join('+')} MB; ` +
        `late ${failed} (unacked ${unacked}), lost ${lost}, twice ${twice}`,
    );
    return row;
  } finally {
    await w.close();
    index.cleanup();
  }
}

async function main(): Promise<void> {
  setLogLevel('silent');
  const load0 = loadavg()[0];
  const redis = await startRedisServer();
  const rows: Row[] = [];
  try {
    rows.push(await run('SQLite', 1));
    rows.push(await run('Redis', 1, redis));
    rows.push(await run('Redis', 2, redis));
  } finally {
    await redis.stop();
  }
  const nginxVersion = execSync('/usr/sbin/nginx -v 2>&1').toString().trim();
  const lines = [
    '# Service load: webhook replicas behind nginx',
    '',
    `Produced by \`npx tsx test/service/load.ts --users ${USERS} --per-user ${PER_USER}\` on ${new Date().toISOString().slice(0, 10)}.`,
    `${USERS} users each ask ${PER_USER} questions in turn (the next once the answer arrived), all users at once; the`,
    'questions mix answerable ones and one the documents do not answer, offline extractive answers. Each update',
    'goes as Telegram sends it: POST through nginx (deploy/nginx.conf) to a replica, which claims it in the store,',
    'acknowledges it and answers through the (fake) Bot API. Latency: from the POST to the answer reaching the',
    'Bot API, "alone" with one user at a time (30 questions), "loaded" during the run above, where it is mostly',
    "time spent queued behind other users' questions. RSS: each replica after the run",
    '(`wenzheng_process_resident_memory_bytes`).',
    '',
    '| state | replicas | answered (lost, twice) | answers/s | per replica | alone p50 / p95 ms | loaded p50 / p95 ms | RSS MB per replica |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows.map(
      (r) =>
        `| ${r.setup} | ${r.replicas} | ${USERS * PER_USER - r.lost} of ${USERS * PER_USER} (${r.lost}, ${r.twice})${r.failed ? `, ${r.failed} after 30 s` : ''} | ${r.perSecond.toFixed(1)} | ${(r.perSecond / r.replicas).toFixed(1)} | ${r.aloneP50.toFixed(0)} / ${r.aloneP95.toFixed(0)} | ${r.p50.toFixed(0)} / ${r.p95.toFixed(0)} | ${r.rssMb.join(', ')} |`,
    ),
    '',
    `Machine: ${cpus().length} CPU cores (${cpus()[0]?.model ?? '?'}), shared with other work: load average ${load0.toFixed(1)} at the start`,
    `and ${loadavg()[0].toFixed(1)} at the end; Node ${process.version}; ${nginxVersion}; redis-server, nginx, the fake API and the`,
    'load generator ran on the same cores as the replicas.',
    '',
    '## What limits it',
    '',
    '- **CPU.** Answering is synchronous CPU work in each replica (jieba tokenising, BM25, the vector search,',
    '  sentence selection), so a replica answers one question at a time on one core. Two replicas use two',
    '  cores; on this machine the cores are shared with nginx, Redis, the fake API, the load generator and other',
    '  jobs, so a second replica adds less than twice the throughput here. On a server with a core per replica',
    '  it scales with the replicas until Redis or the Bot API limit.',
    '- **Telegram, not the bot, in production**: the Bot API allows about 30 messages per second per bot (and one',
    '  per second per chat); one or two replicas here already answer about as fast as one bot may send, so',
    '  replicas are for availability (rolling restarts, a crash) more than for speed.',
    '- **The store.** Each update costs about six store operations (claim, confirm, rate window, context read and',
    '  write, the answer behind the buttons). Redis does them off the event loop, well under a millisecond each on',
    '  loopback; SQLite (better-sqlite3) does them synchronously on the event loop, writes included, which is the',
    '  likely reason one SQLite process answered fewer per second here than one Redis replica (the runs also',
    '  share the machine with other work, so compare the ratios loosely).',
    '- **Memory**: each replica holds the whole index (BM25 and the HNSW graph) in memory; RSS grows with the',
    '  corpus, not with the number of users (state lives in the store).',
    '',
  ];
  writeFileSync(values.out!, lines.join('\n'));
  console.error(`wrote ${values.out}`);
}

await main();
