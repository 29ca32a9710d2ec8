// The Bot API call layer on its own, over a stub of Telegraf's raw call: which failures are tried again, how
// long it waits, and that nothing outlives its deadline or the bot's shutdown. The whole-bot cases are in
// faults.test.ts.
import type { Telegram } from 'telegraf';
import { TelegramError } from 'telegraf';
import { describe, expect, it } from 'vitest';
import { TelegramCallError } from '../../src/errors.ts';
import { setLogLevel } from '../../src/log.ts';
import { type ApiClientOptions, BotApiClient } from '../../src/telegram/api-client.ts';
import { backoffMs, DEFAULT_RETRY } from '../../src/telegram/retry.ts';

setLogLevel('silent');

type Extra = { signal?: AbortSignal };
type Step = 'hang' | unknown;

/** A Telegram client whose raw calls play `steps` in turn (an error is thrown, 'hang' waits for the abort). */
function stub(steps: Step[], opts: Partial<ApiClientOptions> = {}) {
  const seen: { method: string; payload: unknown }[] = [];
  const waits: number[] = [];
  const raw = (method: string, payload: unknown, extra?: Extra) => {
    seen.push({ method, payload });
    const step = steps.shift();
    if (step === 'hang') {
      return new Promise((_, fail) =>
        extra!.signal!.addEventListener('abort', () => fail(Object.assign(new Error('The user aborted a request.'), { name: 'AbortError' }))),
      );
    }
    return step instanceof Error ? Promise.reject(step) : Promise.resolve(step ?? true);
  };
  const telegram = { callApi: raw } as unknown as Telegram;
  const client = new BotApiClient({
    timeoutMs: 50,
    pollMarginMs: 50,
    random: () => 0,
    sleep: async (ms) => void waits.push(ms),
    ...opts,
  });
  client.install(telegram);
  const call = (method: string, payload: object = {}, extra?: Extra) =>
    (telegram.callApi as unknown as (m: string, p: object, e?: Extra) => Promise<unknown>)(method, payload, extra);
  return { telegram, client, call, seen, waits };
}

const api = (code: number, retry_after?: number) =>
  new TelegramError({ error_code: code, description: `error ${code}`, ...(retry_after ? { parameters: { retry_after } } : {}) });
const reset = () => Object.assign(new Error('request failed, reason: socket hang up'), { name: 'FetchError', code: 'ECONNRESET' });

describe('retries', () => {
  it('retries 5xx, resets and timeouts with growing backoff, then gives up', async () => {
    const { call, seen, waits } = stub([api(502), reset(), 'hang', api(500)]);
    await expect(call('sendMessage')).rejects.toMatchObject({ code: 500 });
    expect(seen).toHaveLength(1 + DEFAULT_RETRY.maxRetries);
    expect(waits).toEqual([250, 500, 1000]); // 500 ms doubling, the lower end of the jitter
  });

  it('spreads the backoff between half and all of its ceiling, capped', () => {
    const opts = { ...DEFAULT_RETRY, backoffMs: 100, maxBackoffMs: 1000 };
    expect(backoffMs(0, { ...opts, random: () => 0 })).toBe(50);
    expect(backoffMs(0, { ...opts, random: () => 0.999 })).toBe(100);
    expect(backoffMs(10, { ...opts, random: () => 0.5 })).toBe(750);
  });

  it('waits as long as a 429 says, but not longer than maxWaitSeconds', async () => {
    const ok = stub([api(429, 3), { message_id: 1 }]);
    expect(await ok.call('sendMessage')).toEqual({ message_id: 1 });
    expect(ok.waits).toEqual([3000]);
    const tooLong = stub([api(429, 600)]);
    await expect(tooLong.call('sendMessage')).rejects.toMatchObject({ code: 429 });
    expect(tooLong.seen).toHaveLength(1);
  });

  it('does not repeat a 4xx, except on getUpdates; 401 and 409 stay fatal there', async () => {
    const send = stub([api(400)]);
    await expect(send.call('sendMessage')).rejects.toMatchObject({ code: 400 });
    expect(send.seen).toHaveLength(1);
    const poll = stub([api(400), api(404), api(400), api(404), api(400), []]);
    expect(await poll.call('getUpdates', { timeout: 1 })).toEqual([]); // more failures than maxRetries: polling goes on
    for (const code of [401, 409]) await expect(stub([api(code)]).call('getUpdates')).rejects.toMatchObject({ code });
  });

  it('names the deadline when a call never answers', async () => {
    const { call } = stub(['hang', 'hang', 'hang', 'hang'], { timeoutMs: 100 });
    const err = (await call('sendMessage').catch((e: Error) => e)) as Error;
    expect(err).toBeInstanceOf(TelegramCallError);
    expect(err.message).toBe('no answer from Telegram to sendMessage within 0.1 s');
  });

  it('tells onFailure of every failed attempt, by kind, for metrics', async () => {
    const failures: string[] = [];
    const { call } = stub([api(502), 'hang', reset(), api(400)], { onFailure: (m, f) => failures.push(`${m}:${f}`) });
    await expect(call('sendMessage')).rejects.toMatchObject({ code: 400 });
    expect(failures).toEqual(['sendMessage:server', 'sendMessage:timeout', 'sendMessage:network', 'sendMessage:client']);
  });

  it('installs once: a second install does not retry twice', async () => {
    const s = stub([api(400)]);
    s.client.install(s.telegram);
    await expect(s.call('sendMessage')).rejects.toMatchObject({ code: 400 });
    expect(s.seen).toHaveLength(1);
  });
});

describe('long polling', () => {
  it('gives a long poll its timeout plus the margin, and can ask for a shorter one', async () => {
    const t0 = performance.now();
    const { call, seen } = stub(['hang', []], { longPollSeconds: 0.2, pollMarginMs: 100 });
    expect(await call('getUpdates', { timeout: 50, offset: 3 })).toEqual([]);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
    expect(seen[0].payload).toEqual({ timeout: 0.2, offset: 3 });
  });

  it('ends quietly (an AbortError, which Telegraf takes as "stop") when its caller aborts', async () => {
    const controller = new AbortController();
    const { call } = stub(['hang'], { pollMarginMs: 60_000 });
    const pending = call('getUpdates', { timeout: 50 }, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('abortAll', () => {
  it('ends calls in flight at once and refuses new ones without calling Telegram', async () => {
    const { call, client, seen } = stub(['hang'], { timeoutMs: 60_000 });
    const pending = call('sendMessage').catch((e: Error) => e);
    await new Promise((ok) => setTimeout(ok, 20));
    expect(client.inFlight).toBe(1);
    client.abortAll('drain deadline passed');
    const err = (await pending) as Error;
    expect(err).toBeInstanceOf(TelegramCallError);
    expect(err.message).toContain('drain deadline passed');
    expect(client.inFlight).toBe(0);
    await expect(call('sendMessage')).rejects.toBeInstanceOf(TelegramCallError);
    await expect(call('getUpdates')).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toHaveLength(1);
  });
});
