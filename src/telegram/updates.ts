// Which replica takes an update, and when it counts as taken, through the store's update claims:
//  - webhook: a replica leases the update_id before answering 200, confirms it once the 200 is out, then
//    answers. A re-delivery that finds it confirmed gets 200 and is dropped; one that finds only a lease gets 503
//    (the holder may have died before its 200), so Telegram tries again and, once the lease lapsed, another
//    replica answers it.
//  - polling: one poller at a time (Telegram enforces it), and the offset moves past an update only after its
//    answer was sent; the claim is confirmed after the answer, so a restart after kill -9 re-processes what was
//    not answered and skips what was.
import { describeError } from '../errors.ts';
import { log } from '../log.ts';
import type { UpdateClaims } from '../state/types.ts';
import type { BotMetrics } from './metrics.ts';

/** Telegram keeps an unconfirmed update for 24 hours: no re-delivery can come later than that. */
export const DEDUP_TTL_MS = 24 * 3600_000;

export type Admission = 'take' | 'duplicate' | 'busy';

export class UpdateGate {
  constructor(
    private readonly claims: UpdateClaims,
    private readonly metrics: BotMetrics,
    private readonly leaseMs: number,
  ) {}

  /** Webhook: take the update, drop it (already taken for good), or ask Telegram to retry later (leased). */
  async admitWebhook(updateId: number): Promise<Admission> {
    if (await this.claims.claim(updateId, this.leaseMs)) return 'take';
    if (await this.claims.confirmed(updateId)) {
      this.metrics.duplicates.inc();
      return 'duplicate';
    }
    return 'busy';
  }

  /** Polling: false when the update was already answered (a restart after the answer, before the offset moved). */
  async admitPolled(updateId: number): Promise<boolean> {
    if (await this.claims.claim(updateId, this.leaseMs)) return true;
    if (await this.claims.confirmed(updateId)) {
      this.metrics.duplicates.inc();
      return false;
    }
    // Leased but never confirmed: the process that held it died mid-answer; there is only one poller, so take over.
    log.info('re-processing an update whose earlier answer did not finish', { update_id: updateId });
    return true;
  }

  /** The update is taken for good (webhook: acknowledged; polling: answered). Failures are logged, not thrown:
   * the worst case is a duplicate answer to a re-delivery, better than none. */
  async confirm(updateId: number): Promise<void> {
    await this.claims
      .confirm(updateId, DEDUP_TTL_MS)
      .catch((err) => log.warn('could not confirm an update', { update_id: updateId, error: describeError(err) }));
  }
}
