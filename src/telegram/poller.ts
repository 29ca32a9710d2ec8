// Long polling that confirms an update to Telegram only after it was answered, without making every chat wait
// for the slowest answer in a batch (Telegraf's poller asks for the next batch only once the whole batch is
// handled, so one chat whose messages hang holds up all the others for the full retry sequence).
// Telegram confirms every update below the `offset` of a getUpdates call, so the offset asked for is the lowest
// update still being answered: a kill -9 then loses nothing, and Telegram delivers the updates in flight again,
// which are skipped here. While answers are in flight and nothing new came, Telegram answers at once, so the
// next poll waits for one of them to finish or for `busyPollMs`, whichever comes first.
import type { Telegram } from 'telegraf';
import type { Update } from 'telegraf/types';
import { sleep } from './retry.ts';

export interface PollerOptions {
  allowedUpdates: readonly string[];
  /** Long-poll timeout asked of Telegram (the API client may shorten it). */
  timeoutSeconds: number;
  /** Longest wait before polling again while answers are in flight (the extra delay a new message can see). */
  busyPollMs: number;
  /** Updates per getUpdates (Telegram's maximum is 100): also the most answers in flight at once. */
  limit: number;
}

export const DEFAULT_POLLER: Omit<PollerOptions, 'allowedUpdates'> = { timeoutSeconds: 50, busyPollMs: 500, limit: 100 };

type GetUpdates = (method: 'getUpdates', payload: object, extra: { signal: AbortSignal }) => Promise<Update[]>;

export class Poller {
  /** The first update id not taken yet. */
  private next = 0;
  private readonly inflight = new Map<number, Promise<void>>();
  private readonly controller = new AbortController();
  private readonly opts: PollerOptions;

  constructor(
    private readonly telegram: Telegram,
    private readonly handle: (update: Update) => Promise<void>,
    opts: Partial<PollerOptions> & Pick<PollerOptions, 'allowedUpdates'>,
  ) {
    this.opts = { ...DEFAULT_POLLER, ...opts };
  }

  /** Updates being answered now. */
  get pending(): number {
    return this.inflight.size;
  }

  /** Polls until stop(); rejects on what the API client does not retry (401 wrong token, 409 another instance). */
  async run(): Promise<void> {
    const signal = this.controller.signal;
    while (!signal.aborted) {
      let updates: Update[];
      try {
        updates = await (this.telegram.callApi as unknown as GetUpdates)(
          'getUpdates',
          { offset: this.confirmBelow(), limit: this.opts.limit, timeout: this.opts.timeoutSeconds, allowed_updates: this.opts.allowedUpdates },
          { signal },
        );
      } catch (err) {
        if (signal.aborted) return;
        throw err;
      }
      const fresh = updates.filter((u) => u.update_id >= this.next);
      for (const u of fresh) this.take(u);
      if (!fresh.length && this.inflight.size) await this.pause(signal);
    }
  }

  /** Stops asking for updates; answers in flight go on (the bot's stop waits for them). */
  stop(): void {
    this.controller.abort();
  }

  /** Tells Telegram which updates are done (after a stop, once the answers in flight finished or were given up). */
  async confirm(): Promise<void> {
    await this.telegram.callApi('getUpdates', { offset: this.confirmBelow(), limit: 1, timeout: 0 });
  }

  private confirmBelow(): number {
    let low = this.next;
    for (const id of this.inflight.keys()) low = Math.min(low, id);
    return low;
  }

  private take(update: Update): void {
    const id = update.update_id;
    this.next = id + 1;
    const done = this.handle(update)
      .catch(() => undefined) // the bot logs and apologises; polling goes on
      .finally(() => this.inflight.delete(id));
    this.inflight.set(id, done);
  }

  private async pause(signal: AbortSignal): Promise<void> {
    const wait = new AbortController();
    const abort = () => wait.abort();
    signal.addEventListener('abort', abort, { once: true });
    await Promise.race([...this.inflight.values(), sleep(this.opts.busyPollMs, wait.signal).catch(() => undefined)]);
    wait.abort(); // ends the sleep when an answer finished first
    signal.removeEventListener('abort', abort);
  }
}
