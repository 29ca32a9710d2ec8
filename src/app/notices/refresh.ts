// The notices of one refresh, as the bot's live-reload hook computes them: keep the engine that was live,
// reload, diff the two snapshots, ask each followed refused question again, and build the notices.
// Sending (with the opt-out button and Telegram rate limits) is the Telegram side's job.
import type { Subscription } from '../../state/types.ts';
import type { App } from '../app.ts';
import type { Engine } from '../engine.ts';
import { diffSnapshots } from './diff.ts';
import { noticesFor } from './notices.ts';
import type { Notice, NowAnswered, RefusedSubscription, SnapshotDiff } from './types.ts';

/** Refused questions among `subs` that `app` (now on the new snapshot) answers. */
export async function recheckRefused(app: Pick<App, 'ask'>, subs: readonly Subscription[]): Promise<NowAnswered[]> {
  const out: NowAnswered[] = [];
  // Many citizens follow the same question: ask it once.
  const asked = new Map<string, Awaited<ReturnType<App['ask']>>>();
  for (const sub of subs) {
    const data = sub.data as RefusedSubscription | undefined;
    if (data?.kind !== 'refused') continue;
    let a = asked.get(data.question);
    if (!a) asked.set(data.question, (a = await app.ask(data.question)));
    if (a.found) out.push({ subscriptionId: sub.id, answer: a.answer, citations: a.citations });
  }
  return out;
}

/** Call with the engine that was live before `app.reload()` swapped in a new one. */
export async function refreshNotices(
  before: Engine,
  app: Pick<App, 'ask' | 'engine'>,
  subs: readonly Subscription[],
): Promise<{ diff: SnapshotDiff; notices: Notice[] }> {
  const diff = diffSnapshots(before, app.engine);
  if (!diff.docs.length) return { diff, notices: [] };
  return { diff, notices: noticesFor(subs, diff, await recheckRefused(app, subs)) };
}
