// A bad day at Telegram, through the real bot against the fake Bot API: gateway errors, dropped connections,
// calls that never answer, a refusing getUpdates, and a shutdown while a call hangs. No answer may be lost,
// none sent twice, and the bot must neither stall nor exit. Deadlines are shortened so the file runs in seconds.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Config } from '../../src/config.ts';
import type { BotCall } from '../../src/dev/telegram-api.ts';
import { log } from '../../src/log.ts';
import { tempDir } from '../helpers/shipped-index.ts';
import { buildTestIndex, type Harness, privateChat, startHarness, texts, user } from './harness.ts';

const DEADLINE_MS = 1_500; // TELEGRAM_TIMEOUT_MS
const API = { backoffMs: 50, maxBackoffMs: 200, longPollSeconds: 1, pollMarginMs: 500 };
const QUESTION = '什么是三治融合？';

let h: Harness;
let config: Config;
let cleanup: () => void;
let ended = false;
const warn = vi.spyOn(log, 'warn');

beforeAll(async () => {
  ({ config, cleanup } = await buildTestIndex({ TELEGRAM_TIMEOUT_MS: String(DEADLINE_MS) }));
  h = await startHarness(config, { api: API });
  void h.bot.finished().then(() => (ended = true));
});

afterAll(async () => {
  await h?.close();
  cleanup?.();
});

afterEach(() => {
  h.fake.faults.clear();
  warn.mockClear();
});

/** The answers (cited text) among the messages a call list delivered. */
function answers(calls: BotCall[]): string[] {
  return texts(calls).filter((t) => t.includes('[1]'));
}

describe('a failed sendMessage is sent again', () => {
  const cases = [{ status: 500 }, { status: 502 }, { reset: true as const }];
  for (const [i, fault] of cases.entries()) {
    it(`after ${JSON.stringify(fault)}, the answer arrives once`, async () => {
      const u = user(701 + i);
      h.fake.faults.set('sendMessage', [fault]);
      const calls = await h.say(u, privateChat(u), QUESTION);
      const sends = calls.filter((c) => c.method === 'sendMessage');
      expect(sends.filter((c) => !c.ok)).toHaveLength(1);
      expect(answers(calls)).toHaveLength(1);
      expect(h.fake.messagesIn(u.id).filter((m) => m.text.includes('[1]'))).toHaveLength(1);
    });
  }

  it('gives up on a 400 (our mistake) at once, and apologises instead', async () => {
    const u = user(710);
    h.fake.faults.set('sendMessage', [{ status: 400, description: 'Bad Request: chat not found' }]);
    const calls = await h.say(u, privateChat(u), QUESTION);
    expect(calls.filter((c) => c.method === 'sendMessage').map((c) => c.ok)).toEqual([false, true]);
    expect(texts(calls)).toEqual([expect.stringContaining('出了点问题')]);
  });
});

describe('a call that never answers', () => {
  it('gives up on a hung sendMessage at the deadline and sends it again', async () => {
    const slow = user(720);
    h.fake.faults.set('sendMessage', [{ hang: true, when: (p) => p.chat_id === slow.id }]);
    const t0 = performance.now();
    const calls = (await h.say(slow, privateChat(slow), QUESTION)).filter((c) => c.params.chat_id === slow.id);
    const ms = performance.now() - t0;
    expect(ms).toBeGreaterThanOrEqual(DEADLINE_MS);
    expect(ms).toBeLessThan(DEADLINE_MS + 2_000);
    expect(calls.filter((c) => c.method === 'sendMessage').map((c) => c.ok)).toEqual([false, true]);
    expect(answers(calls)).toHaveLength(1);
    expect(h.fake.hanging).toBe(0); // the bot hung up on the dead request instead of leaking it
    expect(warn).toHaveBeenCalledWith('no answer from Telegram for 1.5 s, retrying', expect.objectContaining({ method: 'sendMessage' }));
    expect(await h.bot.metrics.text()).toMatch(/wenzheng_telegram_errors_total\{method="sendMessage",code="timeout"\} [1-9]/);
  });

  it("does not keep other chats waiting while one chat's messages keep hanging", async () => {
    const stuck = user(722);
    const others = [user(723), user(724)];
    h.fake.faults.set('sendMessage', [{ hang: true, times: Infinity, when: (p) => p.chat_id === stuck.id }]);
    const stuckDone = h.say(stuck, privateChat(stuck), QUESTION);
    await h.fake.waitForCall((c) => c.method === 'sendMessage' && c.params.chat_id === stuck.id);
    for (const u of others) {
      const t0 = performance.now();
      expect(answers(await h.say(u, privateChat(u), '什么是四季评议？'))).toHaveLength(1);
      expect(performance.now() - t0).toBeLessThan(DEADLINE_MS);
    }
    h.fake.faults.clear(); // Telegram recovers: the stuck chat's next attempt goes through
    expect(answers((await stuckDone).filter((c) => c.params.chat_id === stuck.id))).toHaveLength(1);
  });
});

describe('getUpdates', () => {
  // The bot long-polls for 1 s at a time here, so the next poll meets the faults within a second.
  it('keeps polling after a 400 and a 404, and says so in the log', async () => {
    const u = user(730);
    h.fake.faults.set('getUpdates', [{ status: 400 }, { status: 404 }]);
    await vi.waitFor(() => expect(h.fake.faults.pending('getUpdates')).toBe(0), { timeout: 3_000 });
    expect(answers(await h.say(u, privateChat(u), QUESTION))).toHaveLength(1);
    expect(ended).toBe(false);
    const logged = warn.mock.calls.filter(([, f]) => f?.method === 'getUpdates').map(([, f]) => String(f?.error));
    expect(logged).toEqual([expect.stringContaining('400'), expect.stringContaining('404')]);
  });

  it('logs a long poll that never answers and polls again', async () => {
    const u = user(731);
    h.fake.faults.set('getUpdates', [{ hang: true }]);
    await vi.waitFor(() => expect(h.fake.hanging).toBe(1), { timeout: 3_000 });
    const t0 = performance.now();
    expect(answers(await h.say(u, privateChat(u), QUESTION))).toHaveLength(1); // asked while the poll hangs
    expect(performance.now() - t0).toBeLessThan(DEADLINE_MS + 500 + 1_000);
    expect(warn).toHaveBeenCalledWith('no answer from Telegram for 1.5 s, retrying', expect.objectContaining({ method: 'getUpdates' }));
    expect(h.fake.hanging).toBe(0);
    expect(ended).toBe(false);
  });

  it('waits as long as a 429 says', async () => {
    const u = user(732);
    h.fake.faults.set('getUpdates', [{ status: 429, retryAfter: 1 }]);
    const limited = await h.fake.waitForCall((c) => c.method === 'getUpdates' && !c.ok, { since: h.fake.calls.length, timeoutMs: 3_000 });
    await new Promise((ok) => h.fake.once('poll', ok));
    expect(performance.now() - limited.at).toBeGreaterThanOrEqual(990);
    expect(answers(await h.say(u, privateChat(u), QUESTION))).toHaveLength(1);
  });
});

describe('stopping', () => {
  it('finishes within the drain deadline while a call hangs, abandoning it', async () => {
    // A bot of its own (and data of its own: its fake numbers updates from 1 again), as stopping it ends it.
    const data = tempDir('wenzheng-drain-');
    const own = await startHarness({ ...config, dataDir: data.dir }, { api: { ...API, timeoutMs: 60_000 } });
    try {
      const u = user(740);
      own.fake.faults.set('sendMessage', [{ hang: true, times: Infinity }]);
      own.fake.sendText(u, privateChat(u), QUESTION);
      await own.fake.waitForCall((c) => c.method === 'sendMessage');
      const t0 = performance.now();
      await own.bot.stop('SIGTERM', 1_000);
      const ms = performance.now() - t0;
      expect(ms).toBeGreaterThanOrEqual(990);
      expect(ms).toBeLessThan(2_000);
      expect(own.bot.api.inFlight).toBe(0);
      await vi.waitFor(() => expect(own.fake.hanging).toBe(0));
    } finally {
      await own.close();
      data.cleanup();
    }
  });
});
