// The bot's part of the operator loop that runs beside the updates: retention of the question log (purged at
// start, then daily) and the change notices of each new snapshot. Every reload goes through `reload()` here
// (the live-reload watcher, SIGHUP, an admin's /reload), so no snapshot goes live without its notices.

import type { Telegram } from 'telegraf';
import type { IndexStatus } from '../app/app.ts';
import { refreshNotices } from '../app/notices/refresh.ts';
import { startRetention } from '../app/report/build.ts';
import { describeError } from '../errors.ts';
import { log } from '../log.ts';
import { sendNotices } from './notify.ts';
import type { BotServices } from './services.ts';

/** How long a snapshot's notices stay claimed by the replica that sends them. */
const NOTICE_CLAIM_MS = 7 * 24 * 3600_000;

export class BotLoop {
  private retention?: { stop(): void };
  /** Notices being sent; a reload during a send queues behind it, so two refreshes never interleave. */
  private sending: Promise<void> = Promise.resolve();

  constructor(
    private readonly s: BotServices,
    private readonly telegram: () => Pick<Telegram, 'sendMessage'>,
    private readonly opts: { noticeGapMs?: number } = {},
  ) {}

  start(): void {
    this.retention ??= startRetention(this.s.store, this.s.app.config.loop.retentionDays, {
      onPurged: (n) => n && log.info('question log: old rows deleted', { rows: n, retention_days: this.s.app.config.loop.retentionDays }),
      onError: (err) => log.warn('question-log retention failed; trying again tomorrow', { error: describeError(err) }),
    });
  }

  /** Swaps in the live snapshot if it is new (App.reload), then sends the notices it causes in the background.
   * Throws what App.reload throws (a damaged snapshot), like App.reload. */
  reload(): boolean {
    const before = this.s.app.engine;
    if (!this.s.app.reload()) return false;
    const snapshot = this.s.app.status().snapshot;
    this.sending = this.sending.then(async () => {
      try {
        const subs = await this.s.store.subscriptions.all();
        if (!subs.length) return;
        // Replicas on one Redis each pick the snapshot up: one of them (the first to claim it) sends its
        // notices. A replica dying mid-send loses the rest: a missed notice is preferred to N copies of each.
        const claim = await this.s.store.limits.hit(`notices:${snapshot}`, 1, NOTICE_CLAIM_MS);
        if (!claim.allowed) return void log.info('change notices sent by another replica', { snapshot });
        const { diff, notices } = await refreshNotices(before, this.s.app, subs);
        const sent = await sendNotices({ telegram: this.telegram(), store: this.s.store, metrics: this.s.metrics, gapMs: this.opts.noticeGapMs }, notices);
        log.info('change notices sent', { snapshot: diff.to, docs_changed: diff.docs.length, notices: notices.length, sent });
      } catch (err) {
        log.error('could not compute or send the change notices', { error: describeError(err) });
      }
    });
    return true;
  }

  status(): IndexStatus {
    return this.s.app.status();
  }

  /** Resolves when the notices of every reload so far have been sent (tests, and a graceful stop). */
  settled(): Promise<void> {
    return this.sending;
  }

  stop(): void {
    this.retention?.stop();
    this.retention = undefined;
  }
}
