// The citizen's side of the loop: follow an answer ("有变化时通知我") or a refused question ("能回答时通知我"),
// list and remove what one follows (/subscriptions), stop a notice's subscriptions in one tap, and the way to
// a person (a refusal's button, or offered after a 👎). Subscriptions are owned by the chat that opted in:
// that is where notices go. They hold the redacted question and passage hashes, never who asked.
import type { Context } from 'telegraf';
import { handoffButtonLabel, handoffMessage, handoffSources } from '../app/handoff.ts';
import { answerSubscription, refusedSubscription } from '../app/notices/notices.ts';
import type { SubscriptionData } from '../app/notices/types.ts';
import { handoffButton, subscriptionsKeyboard } from './keyboards.ts';
import { sendParts } from './send.ts';
import { type BotServices, recallAnswer } from './services.ts';
import { answerTexts, type UiTexts, uiTexts } from './texts.ts';
import { textView } from './views.ts';

/** What the opt-out button under a notice refers to (kept in the callback store). */
export interface StopTarget {
  owner: string;
  ids: string[];
}

/** Notices can arrive weeks after the refresh that caused them: their buttons must last that long. */
export const STOP_TTL_MS = 90 * 24 * 3600_000;
const LIST_MAX = 20;

export const ownerOf = (ctx: Context): string => String(ctx.chat?.id ?? ctx.from?.id ?? 0);

/** "Notify me" under the answer behind `key`. */
export async function followAnswer(ctx: Context, s: BotServices, key: string): Promise<void> {
  const answer = await recallAnswer(s, key);
  const t = uiTexts(ctx.from?.language_code);
  if (!answer) return void (await ctx.answerCbQuery(t.expired));
  const at = answerTexts(answer.register);
  const sub = answer.found ? answerSubscription(answer) : refusedSubscription(answer.question, answer.register);
  const added = await s.store.subscriptions.add(ownerOf(ctx), sub.id, sub.data);
  await ctx.answerCbQuery(added ? (answer.found ? at.followed : at.followedRefused) : at.alreadyFollowed, { show_alert: added });
}

/** /subscriptions: what this chat follows, a remove button each. */
export async function subscriptionsCommand(ctx: Context, s: BotServices): Promise<void> {
  const t = uiTexts(ctx.from?.language_code);
  const subs = (await s.store.subscriptions.list(ownerOf(ctx))).slice(0, LIST_MAX);
  if (!subs.length) return sendParts(ctx, textView(t.noSubscriptions));
  const lines = [t.subscriptionsHeading(subs.length), ...subs.map((sub, i) => `${i + 1}. ${describe(t, sub.data as SubscriptionData)}`)];
  await sendParts(ctx, textView(lines.join('\n')), {
    markup: subscriptionsKeyboard(
      subs.map((x) => x.id),
      t,
    ),
  });
}

function describe(t: UiTexts, d: SubscriptionData): string {
  if (d?.kind === 'answer') return t.subscriptionAnswer(d.question, [...new Set(d.cited.map((c) => `《${c.title}》`))].join(''));
  return t.subscriptionRefused(d?.question ?? '');
}

export async function unfollow(ctx: Context, s: BotServices, id: string): Promise<void> {
  const t = uiTexts(ctx.from?.language_code);
  const removed = await s.store.subscriptions.remove(ownerOf(ctx), id);
  await ctx.answerCbQuery(removed ? t.unfollowed : t.stopped(0));
}

/** "停止提醒" under a notice: removes the subscriptions it reported on. */
export async function stopNotices(ctx: Context, s: BotServices, key: string): Promise<void> {
  const t = uiTexts(ctx.from?.language_code);
  const target = await s.store.callbacks.get<StopTarget>(key);
  if (!target) return void (await ctx.answerCbQuery(t.expired));
  // Only the chat the notice went to may stop it.
  if (target.owner !== ownerOf(ctx)) return void (await ctx.answerCbQuery());
  let n = 0;
  for (const id of target.ids) if (await s.store.subscriptions.remove(target.owner, id)) n++;
  await ctx.answerCbQuery(t.stopped(n), { show_alert: true });
}

/** "转人工咨询": the official channel and the question packaged with what the bot looked at. */
export async function handoff(ctx: Context, s: BotServices, key: string): Promise<void> {
  const answer = await recallAnswer(s, key);
  if (!answer) return void (await ctx.answerCbQuery(uiTexts(ctx.from?.language_code).expired));
  await ctx.answerCbQuery();
  let sources = handoffSources(answer.citations);
  // A refusal cites nothing: the closest passages the index holds are what the bot looked at.
  if (!answer.found && !sources.length) sources = handoffSources((await s.app.search(answer.question, 3)).hits);
  const text = handoffMessage({
    question: answer.question,
    register: answer.register,
    reason: answer.found ? 'downvoted' : 'refused',
    sources,
    channel: s.app.config.loop.officialChannel,
  });
  await sendParts(ctx, textView(text), { replyTo: ctx.callbackQuery?.message?.message_id });
}

/** After a 👎: the way to a person, offered once under a short thank-you. */
export async function offerHandoff(ctx: Context, key: string, answer: { register: Parameters<typeof answerTexts>[0] }): Promise<void> {
  const t = answerTexts(answer.register);
  await sendParts(ctx, textView(t.handoffOffer), { markup: { inline_keyboard: [[handoffButton(key, handoffButtonLabel(answer.register))]] } });
}
