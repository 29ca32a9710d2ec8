// Honours Telegram's 429 "retry after N": a call that is told to wait is retried after that many seconds,
// a few times at most. Long polling (getUpdates) is left alone: Telegraf's poller already waits on 429.

import type { Telegram } from 'telegraf';
import { TelegramError } from 'telegraf';
import { log } from '../log.ts';

export interface RetryOptions {
  maxRetries: number;
  /** A wait longer than this is not worth holding the chat for: the call fails instead. */
  maxWaitSeconds: number;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY: RetryOptions = { maxRetries: 3, maxWaitSeconds: 60 };

const wait = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms));

/** Seconds Telegram asked us to wait, when `err` is a 429. */
export function retryAfter(err: unknown): number | undefined {
  if (!(err instanceof TelegramError) || err.code !== 429) return undefined;
  const s = Number(err.parameters?.retry_after);
  return Number.isFinite(s) && s >= 0 ? s : 1;
}

/** Wraps `telegram.callApi` in place so every method called through it honours 429s. */
export function honourRetryAfter(telegram: Telegram, opts: RetryOptions = DEFAULT_RETRY): Telegram {
  const call = telegram.callApi.bind(telegram);
  const sleep = opts.sleep ?? wait;
  const retrying = async (method: string, payload: unknown, extra?: unknown) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await (call as (m: string, p: unknown, e?: unknown) => Promise<unknown>)(method, payload, extra);
      } catch (err) {
        const seconds = retryAfter(err);
        if (method === 'getUpdates' || seconds === undefined || attempt >= opts.maxRetries || seconds > opts.maxWaitSeconds) throw err;
        log.warn('telegram asked to slow down', { method, retry_after: seconds, attempt: attempt + 1 });
        await sleep(seconds * 1000);
      }
    }
  };
  telegram.callApi = retrying as Telegram['callApi'];
  return telegram;
}
