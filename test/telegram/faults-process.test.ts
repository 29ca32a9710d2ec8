// The faults that only show on a real process: `wenzheng start` as a child process against the faulty fake
// Bot API. SIGTERM while Telegram hangs must end the process within the drain deadline (10 s); kill -9 with
// an answer in flight must not lose the question: the restarted bot gets the update again and answers it once.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { FakeTelegramApi } from '../../src/dev/telegram-api.ts';
import { ROOT, type ShippedIndex, tempDir } from '../helpers/shipped-index.ts';
import { buildTestIndex, privateChat, user } from './harness.ts';

const DRAIN_MS = 10_000; // WenzhengBot.stop's default, which `wenzheng start` uses on SIGTERM
const QUESTION = '什么是三治融合？';

let index: ShippedIndex;
let fake: FakeTelegramApi;
let apiRoot: string;
let dataDir: string;
let runs = 0;
const children = new Set<ChildProcess>();
const cwd = tempDir('wenzheng-proc-'); // no developer .env is read from here

beforeAll(async () => {
  index = await buildTestIndex();
});

afterEach(async () => {
  for (const c of children) c.kill('SIGKILL');
  children.clear();
  await fake?.stop();
});

afterAll(() => {
  index?.cleanup();
  cwd.cleanup();
});

/** A new fake Bot API, and a data dir of its own (its update ids start at 1 again, which de-duplication must
 * not take for updates already answered in another test). */
async function freshFake(): Promise<void> {
  fake = new FakeTelegramApi();
  apiRoot = await fake.start();
  dataDir = join(cwd.dir, `data-${++runs}`);
}

/** Starts `wenzheng start` over the test index; resolves once it long-polls the fake. */
async function startBot(): Promise<{ child: ChildProcess; exited: Promise<{ code: number | null; at: number }> }> {
  const { config } = index;
  const child = spawn(process.execPath, [join(ROOT, 'bin/wenzheng.mjs'), 'start'], {
    cwd: cwd.dir,
    env: {
      PATH: process.env.PATH,
      CORPUS_DIR: config.corpusDir,
      INDEX_DIR: config.indexDir,
      DATA_DIR: dataDir,
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: apiRoot,
      TELEGRAM_TIMEOUT_MS: '60000', // longer than the drain deadline: only the drain deadline can end a hung call
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.add(child);
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<{ code: number | null; at: number }>((ok) => child.once('exit', (code) => ok({ code, at: performance.now() })));
  const polls = fake.polls;
  const polling = new Promise<void>((ok) => {
    const on = () => {
      if (fake.polls <= polls) return;
      fake.off('poll', on);
      ok();
    };
    fake.on('poll', on);
  });
  const early = exited.then(({ code }) => {
    throw new Error(`the bot exited (${code}) before polling:\n${stderr}`);
  });
  await Promise.race([polling, early]);
  return { child, exited };
}

it('ends within the drain deadline on SIGTERM while Telegram hangs', { timeout: 60_000 }, async () => {
  await freshFake();
  const { child, exited } = await startBot();
  fake.faults.set('sendMessage', [{ hang: true, times: Infinity }]);
  const u = user(801);
  fake.sendText(u, privateChat(u), QUESTION);
  await fake.waitForCall((c) => c.method === 'sendMessage', { timeoutMs: 20_000 });
  const t0 = performance.now();
  child.kill('SIGTERM');
  const { code, at } = await exited;
  expect(code).toBe(0);
  expect(at - t0).toBeLessThan(DRAIN_MS + 3_000);
});

it('re-processes an update after kill -9 mid-answer, and answers it once', { timeout: 90_000 }, async () => {
  await freshFake();
  const u = user(802);
  const first = await startBot();
  fake.faults.set('sendMessage', [{ hang: true, when: (p) => p.chat_id === u.id }]);
  const update = fake.sendText(u, privateChat(u), QUESTION);
  await fake.waitForCall((c) => c.method === 'sendMessage' && c.params.chat_id === u.id, { timeoutMs: 20_000 });
  // Give the bot time to poll again (carrying its offset) before it dies, as it would between updates.
  await new Promise((ok) => setTimeout(ok, 500));
  first.child.kill('SIGKILL');
  await first.exited;
  expect(fake.messagesIn(u.id).filter((m) => m.text.includes('[1]'))).toEqual([]);
  const entry = fake.updates.find((d) => d.update.update_id === update.update_id)!;
  const deliveredBefore = entry.deliveries;

  await startBot();
  await fake.waitForCall((c) => c.method === 'sendMessage' && c.ok && c.params.chat_id === u.id, { timeoutMs: 20_000 });
  expect(entry.deliveries).toBeGreaterThan(deliveredBefore); // Telegram gave it to the new process
  expect(fake.messagesIn(u.id).filter((m) => m.text.includes('[1]'))).toHaveLength(1);
});

it('does not answer twice an update whose answer was sent just before kill -9', { timeout: 90_000 }, async () => {
  await freshFake();
  const u = user(803);
  const first = await startBot();
  // The answer goes out, but the poll that would confirm the update never answers: then the process dies.
  const polls = fake.polls;
  fake.faults.set('getUpdates', [{ hang: true, times: Infinity }]);
  fake.sendText(u, privateChat(u), QUESTION);
  await fake.waitForCall((c) => c.method === 'sendMessage' && c.ok && c.params.chat_id === u.id, { timeoutMs: 20_000 });
  await new Promise((ok) => setTimeout(ok, 500));
  expect(fake.polls).toBe(polls); // no poll got through, so nothing was confirmed
  first.child.kill('SIGKILL');
  await first.exited;
  fake.faults.clear();

  await startBot();
  await new Promise((ok) => setTimeout(ok, 2_000)); // time enough to answer again, if it were going to
  expect(fake.unconfirmed).toBe(0);
  expect(fake.messagesIn(u.id).filter((m) => m.text.includes('[1]'))).toHaveLength(1);
});
