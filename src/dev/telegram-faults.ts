// Scripted faults for the fake Bot API: what a bad day at Telegram looks like to the bot, one call at a time.
// Tests queue faults per method (`fake.faults.set('sendMessage', [{ status: 502 }, { hang: true }])`); each
// call of that method takes the next fault whose `when` matches its parameters, and calls with no fault left
// are answered normally.
import type { Params } from './telegram-chats.ts';

export type Fault = (
  | /** Answer with this HTTP status: 5xx as a bare gateway error, 4xx/429 as a Bot API error body. */
  { status: number; description?: string; retryAfter?: number }
  /** Never answer: the request stays open until the bot gives up or the fake stops. */
  | { hang: true }
  /** Drop the connection without an answer (the bot sees "socket hang up" / ECONNRESET). */
  | { reset: true }
) & {
  /** Only calls whose parameters match take this fault (e.g. one chat's messages); others pass it by. */
  when?: (params: Params) => boolean;
  /** How many calls take it (default 1; Infinity for every call from now on). */
  times?: number;
};

export class FaultScript {
  private readonly queued = new Map<string, Fault[]>();

  /** Replaces the faults queued for `method`. */
  set(method: string, faults: Fault[]): this {
    this.queued.set(
      method,
      faults.map((f) => ({ ...f })),
    );
    return this;
  }

  /** Queues more faults for `method` after those already queued. */
  add(method: string, ...faults: Fault[]): this {
    this.queued.set(method, [...(this.queued.get(method) ?? []), ...faults.map((f) => ({ ...f }))]);
    return this;
  }

  /** Forgets every queued fault (of one method, or all). */
  clear(method?: string): void {
    if (method) this.queued.delete(method);
    else this.queued.clear();
  }

  /** Faults still waiting for `method`. */
  pending(method: string): number {
    return (this.queued.get(method) ?? []).reduce((n, f) => n + (f.times ?? 1), 0);
  }

  /** The fault this call takes, if any (used up as it is taken). */
  take(method: string, params: Params): Fault | undefined {
    const list = this.queued.get(method);
    const i = list?.findIndex((f) => !f.when || f.when(params)) ?? -1;
    if (!list || i < 0) return undefined;
    const fault = list[i];
    const left = (fault.times ?? 1) - 1;
    if (left > 0) list[i] = { ...fault, times: left };
    else list.splice(i, 1);
    return fault;
  }
}

/** How a fault shows in the fake's call log. */
export function describeFault(fault: Fault): string {
  if ('hang' in fault) return 'hung (no answer)';
  if ('reset' in fault) return 'connection reset';
  return `${fault.status}: ${fault.description ?? defaultDescription(fault.status, fault.retryAfter)}`;
}

export function defaultDescription(status: number, retryAfter?: number): string {
  if (status === 429) return `Too Many Requests: retry after ${retryAfter ?? 1}`;
  if (status === 400) return 'Bad Request: injected fault';
  if (status === 401) return 'Unauthorized';
  if (status === 404) return 'Not Found';
  if (status === 409) return 'Conflict: terminated by other getUpdates request';
  if (status === 502) return 'Bad Gateway';
  if (status >= 500) return 'Internal Server Error';
  return 'injected fault';
}
