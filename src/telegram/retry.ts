// What to do when a Bot API call fails: which failures are worth another try and how long to wait first.
// Telegram's own hiccups (5xx, a dropped connection, no answer within the deadline) are retried with
// exponential backoff and jitter, so a fleet of bots does not hammer a recovering server in step; a 429 waits
// exactly as long as Telegram asked. A 4xx is our mistake and is not repeated, except on getUpdates: there a
// 400/404 (seen from proxies and self-hosted servers while they restart) would otherwise end long polling and
// with it the bot, so it is logged and retried. 401 (bad token) and 409 (another instance) stay fatal.
import { TelegramError } from 'telegraf';

export interface RetryOptions {
  /** Retries of one call (getUpdates retries for as long as the bot polls). */
  maxRetries: number;
  /** A 429 asking for a longer wait is not worth holding the chat for: the call fails instead. */
  maxWaitSeconds: number;
  /** First backoff; doubles with each retry up to `maxBackoffMs`. */
  backoffMs: number;
  maxBackoffMs: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** In [0, 1); tests pin it. */
  random?: () => number;
}

export const DEFAULT_RETRY: RetryOptions = { maxRetries: 3, maxWaitSeconds: 60, backoffMs: 500, maxBackoffMs: 30_000 };

/** Why a call failed, as far as retrying goes. */
export type Failure = 'timeout' | 'network' | 'server' | 'rate' | 'client' | 'fatal';

export type Decision = { retry: false } | { retry: true; delayMs: number; failure: Failure };

/** Seconds Telegram asked us to wait, when `err` is a 429. */
export function retryAfter(err: unknown): number | undefined {
  if (!(err instanceof TelegramError) || err.code !== 429) return undefined;
  const s = Number(err.parameters?.retry_after);
  return Number.isFinite(s) && s >= 0 ? s : 1;
}

/** Sorts a failed call's error; `timedOut` when our own deadline cut it off. */
export function classify(err: unknown, timedOut: boolean): Failure {
  if (timedOut) return 'timeout';
  if (err instanceof TelegramError) {
    if (err.code === 429) return 'rate';
    if (err.code >= 500) return 'server';
    if (err.code === 401 || err.code === 409) return 'fatal';
    return 'client';
  }
  // node-fetch's FetchError covers resets, refused connections, DNS failures and bodies cut off mid-way.
  if (err instanceof Error && err.name === 'FetchError') return 'network';
  return 'fatal';
}

/** Backoff before retry number `attempt + 1`: exponential, capped, with "equal jitter" (half fixed, half random). */
export function backoffMs(attempt: number, opts: RetryOptions): number {
  const ceiling = Math.min(opts.maxBackoffMs, opts.backoffMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (opts.random ?? Math.random)() * (ceiling / 2));
}

/** Whether call number `attempt` (0 = the first) of `method` that failed with `failure` is tried again, and when. */
export function decide(method: string, failure: Failure, err: unknown, attempt: number, opts: RetryOptions): Decision {
  const polling = method === 'getUpdates';
  if (failure === 'fatal' || (failure === 'client' && !polling)) return { retry: false };
  if (!polling && attempt >= opts.maxRetries) return { retry: false };
  if (failure === 'rate') {
    const seconds = retryAfter(err) ?? 1;
    if (seconds > opts.maxWaitSeconds && !polling) return { retry: false };
    return { retry: true, delayMs: seconds * 1000, failure };
  }
  // A long poll that got no answer has waited long enough already: ask again at once, the first time.
  if (polling && failure === 'timeout' && attempt === 0) return { retry: true, delayMs: 0, failure };
  return { retry: true, delayMs: backoffMs(attempt, opts), failure };
}

/** A sleep that ends early (rejecting with `signal.reason`) when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((ok, fail) => {
    if (signal?.aborted) return fail(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      fail(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      ok();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
