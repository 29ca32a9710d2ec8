// The Bot API call layer: every call Telegraf makes goes through here, wrapped around `telegram.callApi`.
// Telegraf gives each call node-fetch's 500 s timeout and no way to change it (a custom `agent` is dropped
// for http:// API roots, and an agent timeout would not cover a server that accepts and never answers), so
// each attempt gets its own AbortSignal: a deadline (TELEGRAM_TIMEOUT_MS; getUpdates its long-poll timeout plus
// a margin), the caller's signal (Telegraf stopping its poller), and the client's own, which `abortAll` fires
// when the bot's drain deadline has passed so a shutdown never waits on a hung call. Failures are retried by
// the policy in retry.ts.
import { setMaxListeners } from 'node:events';
import type { Telegram } from 'telegraf';
import { describeError, TelegramCallError } from '../errors.ts';
import { log } from '../log.ts';
import { classify, DEFAULT_RETRY, type Decision, decide, type Failure, type RetryOptions, sleep } from './retry.ts';

export interface ApiClientOptions extends RetryOptions {
  /** Deadline of one attempt of any call but a long poll. */
  timeoutMs: number;
  /** A long poll (getUpdates with a timeout) may take its timeout plus this. */
  pollMarginMs: number;
  /** Long-poll timeout asked of Telegram instead of Telegraf's fixed 50 s (tests shorten it). */
  longPollSeconds?: number;
  /** Told of every failed attempt (retried or not; not calls abandoned by their caller or a shutdown): metrics. */
  onFailure?: (method: string, failure: Failure, err: unknown) => void;
}

export const DEFAULT_API: ApiClientOptions = { ...DEFAULT_RETRY, timeoutMs: 15_000, pollMarginMs: 10_000 };

type RawCall = (method: string, payload: unknown, extra?: { signal?: AbortSignal }) => Promise<unknown>;
type Caller = { signal?: AbortSignal } | undefined;

const INSTALLED = Symbol('wenzheng.api-client');

export class BotApiClient {
  readonly opts: ApiClientOptions;
  private readonly stopping = new AbortController();
  private active = 0;

  constructor(opts: Partial<ApiClientOptions> = {}) {
    this.opts = { ...DEFAULT_API, ...opts };
    // Every call in flight listens for the shutdown; hundreds at once are normal, not a leak.
    setMaxListeners(0, this.stopping.signal);
  }

  /** Routes every call of `telegram` (Telegraf makes one per update) through this client. Idempotent. */
  install(telegram: Telegram): Telegram {
    const marked = telegram as Telegram & { [INSTALLED]?: true };
    if (marked[INSTALLED]) return telegram;
    const raw = telegram.callApi.bind(telegram) as RawCall;
    telegram.callApi = ((method: string, payload: unknown, extra?: Caller) => this.call(raw, method, payload, extra?.signal)) as Telegram['callApi'];
    marked[INSTALLED] = true;
    return telegram;
  }

  /** Calls waiting for Telegram right now (attempts and the waits between them). */
  get inFlight(): number {
    return this.active;
  }

  /** Aborts every call in flight and fails any new one at once: the last step of a shutdown. */
  abortAll(reason = 'the bot is stopping'): void {
    if (!this.stopping.signal.aborted) log.warn('abandoning telegram calls still in flight', { reason, in_flight: this.active });
    this.stopping.abort(reason);
  }

  private async call(raw: RawCall, method: string, payload: unknown, caller?: AbortSignal): Promise<unknown> {
    const body = this.payloadFor(method, payload);
    // Ends the waits between attempts when the caller or the client gives up.
    const gone = new AbortController();
    const unlink = link([caller, this.stopping.signal], gone);
    this.active++;
    try {
      for (let attempt = 0; ; attempt++) {
        this.throwIfGone(method, caller);
        const deadlineMs = this.deadlineFor(method, body);
        const attemptCtl = new AbortController();
        const unlinkAttempt = link([gone.signal], attemptCtl);
        let timedOut = false;
        let delayMs = 0;
        const timer = setTimeout(() => {
          timedOut = true;
          attemptCtl.abort();
        }, deadlineMs);
        try {
          return await raw(method, body, { signal: attemptCtl.signal });
        } catch (err) {
          this.throwIfGone(method, caller, err);
          const failure = classify(err, timedOut);
          this.opts.onFailure?.(method, failure, err);
          const decision = decide(method, failure, err, attempt, this.opts);
          if (!decision.retry) {
            throw timedOut ? new TelegramCallError(`no answer from Telegram to ${method} within ${seconds(deadlineMs)} s`, { cause: err }) : err;
          }
          report(method, decision, err, deadlineMs, attempt);
          delayMs = decision.delayMs;
        } finally {
          clearTimeout(timer);
          unlinkAttempt();
        }
        // An abort during the wait is noticed by throwIfGone at the top of the loop.
        if (delayMs > 0) await (this.opts.sleep ?? sleep)(delayMs, gone.signal).catch(() => undefined);
      }
    } finally {
      unlink();
      this.active--;
    }
  }

  /** Throws when the caller or the client gave up: as an AbortError for the poller (which then stops quietly). */
  private throwIfGone(method: string, caller?: AbortSignal, cause?: unknown): void {
    if (!caller?.aborted && !this.stopping.signal.aborted) return;
    if (caller?.aborted && cause) throw cause;
    const err = new TelegramCallError(`${method} abandoned: ${caller?.aborted ? 'cancelled by its caller' : String(this.stopping.signal.reason)}`, { cause });
    if (method === 'getUpdates') err.name = 'AbortError';
    throw err;
  }

  private deadlineFor(method: string, body: unknown): number {
    const poll = method === 'getUpdates' ? Number((body as { timeout?: number } | undefined)?.timeout ?? 0) : 0;
    return poll > 0 ? poll * 1000 + this.opts.pollMarginMs : this.opts.timeoutMs;
  }

  private payloadFor(method: string, payload: unknown): unknown {
    const p = payload as { timeout?: number } | undefined;
    if (method !== 'getUpdates' || this.opts.longPollSeconds === undefined || !p?.timeout) return payload;
    return { ...p, timeout: this.opts.longPollSeconds };
  }
}

/** Aborts `target` when any of `sources` aborts; returns the function that stops listening. */
function link(sources: (AbortSignal | undefined)[], target: AbortController): () => void {
  const abort = () => target.abort();
  const live = sources.filter((s): s is AbortSignal => !!s);
  for (const s of live) {
    if (s.aborted) abort();
    else s.addEventListener('abort', abort, { once: true });
  }
  return () => {
    for (const s of live) s.removeEventListener('abort', abort);
  };
}

function report(method: string, decision: Decision & { retry: true }, err: unknown, deadlineMs: number, attempt: number): void {
  const fields = { method, attempt: attempt + 1, retry_in_ms: decision.delayMs };
  if (decision.failure === 'rate') log.warn('telegram asked to slow down', { ...fields, retry_after: decision.delayMs / 1000 });
  else if (decision.failure === 'timeout') log.warn(`no answer from Telegram for ${seconds(deadlineMs)} s, retrying`, fields);
  else log.warn(`telegram call failed (${decision.failure}), retrying`, { ...fields, error: describeError(err) });
}

function seconds(ms: number): number {
  return Math.round(ms / 100) / 10;
}
