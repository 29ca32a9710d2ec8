// The middleware tree: commands, button presses, text questions and everything else a user can send.
// Every reply to a user message passes the per-user rate limit; anything unexpected gets a polite reply.
import { Composer, type Context } from 'telegraf';
import { message } from 'telegraf/filters';
import type { Message } from 'telegraf/types';
import { addressedQuestion, type ChatKind, isGroup, type Me, repliesToMe } from './addressing.ts';
import { gapsCommand, reloadCommand, statusCommand } from './admin.ts';
import { followAnswer, handoff, offerHandoff, stopNotices, subscriptionsCommand, unfollow } from './follow.ts';
import { onInlineQuery } from './inline.ts';
import { decodeCallback, examplesKeyboard } from './keyboards.ts';
import { chatKindOf, logQuestion } from './questionlog.ts';
import { answerQuestion } from './questions.ts';
import { checkRate } from './ratelimit.ts';
import { sendParts } from './send.ts';
import { ANSWER_TTL_MS, type BotServices, recallAnswer, voterHash } from './services.ts';
import { type UiTexts, uiTexts } from './texts.ts';
import { aboutView, passageView, sourcesView, textView, welcomeView } from './views.ts';

/** Message kinds a user sends on purpose that the bot cannot read; service messages are not among them. */
const UNREADABLE = [
  'sticker',
  'photo',
  'voice',
  'audio',
  'video',
  'video_note',
  'document',
  'animation',
  'location',
  'venue',
  'contact',
  'poll',
  'dice',
  'story',
];

export interface HandlerHooks {
  /** The bot's reload: swaps in a new snapshot and sends its change notices. */
  reload?: () => boolean;
}

export function createHandlers(s: BotServices, hooks: HandlerHooks = {}): Composer<Context> {
  const c = new Composer<Context>();
  c.on('callback_query', (ctx) => onButton(ctx, s));
  c.on('inline_query', (ctx) => onInlineQuery(ctx, s));
  c.command(['start', 'help'], (ctx) => limited(ctx, s, () => welcome(ctx, s)));
  c.command('sources', (ctx) => limited(ctx, s, () => sendParts(ctx, sourcesView(ui(ctx), s.app.status().titles))));
  c.command('about', (ctx) => limited(ctx, s, () => sendParts(ctx, aboutView(ui(ctx), s.app.status().titles))));
  c.command('ask', (ctx) => limited(ctx, s, () => question(ctx, s, ctx.payload), ctx.payload));
  // Operator commands too: an admin's client stuck in a loop must not hammer the store or the index.
  c.command('reload', (ctx) => limited(ctx, s, () => reloadCommand(ctx, s, hooks.reload)));
  c.command('status', (ctx) => limited(ctx, s, () => statusCommand(ctx, s)));
  c.command('gaps', (ctx) => limited(ctx, s, () => gapsCommand(ctx, s)));
  c.command('subscriptions', (ctx) => limited(ctx, s, () => subscriptionsCommand(ctx, s)));
  c.on(message('text'), (ctx) => onText(ctx, s));
  c.on('message', (ctx) => onOther(ctx, s));
  return c;
}

function ui(ctx: Context): UiTexts {
  return uiTexts(ctx.from?.language_code);
}

function me(ctx: Context): Me {
  return { id: ctx.botInfo.id, username: ctx.botInfo.username };
}

function groupReplyTo(ctx: Context): number | undefined {
  return isGroup(ctx.chat?.type as ChatKind) && ctx.message ? ctx.message.message_id : undefined;
}

/** Runs `reply` when the user is within the rate limit; the first message over it gets a friendly note. A
 * `question` refused by the limit is logged as rate-limited (redacted), so the report sees unmet demand too. */
async function limited(ctx: Context, s: BotServices, reply: () => Promise<void>, question?: string): Promise<void> {
  const decision = await checkRate(s, ctx.from?.id ?? ctx.chat?.id);
  if (decision.kind === 'ok') return reply();
  if (question?.trim()) await logQuestion(s, { userId: ctx.from?.id, chatKind: chatKindOf(ctx), latencyMs: 0, text: question, outcome: 'rate-limited' });
  if (decision.kind === 'limited') await sendParts(ctx, textView(ui(ctx).rateLimited(decision.retryInSeconds)), { replyTo: groupReplyTo(ctx) });
}

async function welcome(ctx: Context, s: BotServices): Promise<void> {
  const t = ui(ctx);
  const examples = await s.examples.get(t.lang);
  await sendParts(ctx, welcomeView(t, s.app.status().titles, examples.length > 0), { markup: examples.length ? examplesKeyboard(examples) : undefined });
}

/** A question typed by the user: checked for length, then answered. */
async function question(ctx: Context, s: BotServices, text: string): Promise<void> {
  const t = ui(ctx);
  const q = text.trim();
  const replyTo = groupReplyTo(ctx);
  const length = [...q].length;
  if (!q) return sendParts(ctx, textView(t.emptyQuestion), { replyTo });
  if (length > s.settings.maxQuestionChars) return sendParts(ctx, textView(t.tooLong(length, s.settings.maxQuestionChars)), { replyTo });
  await answerQuestion(ctx, s, q, { replyTo });
}

async function onText(ctx: Context & { message: Message.TextMessage }, s: BotServices): Promise<void> {
  const msg = ctx.message;
  const kind = msg.chat.type as ChatKind;
  if (msg.entities?.[0]?.type === 'bot_command' && msg.entities[0].offset === 0) {
    // A command we do not have: in a group it is probably another bot's.
    if (!isGroup(kind)) await limited(ctx, s, () => sendParts(ctx, textView(ui(ctx).unknownCommand)));
    return;
  }
  const q = addressedQuestion(msg, kind, me(ctx));
  if (q === undefined) return; // a group conversation not meant for the bot
  await limited(ctx, s, () => question(ctx, s, q), q);
}

async function onOther(ctx: Context, s: BotServices): Promise<void> {
  const msg = ctx.message as Message & Record<string, unknown>;
  if (!msg || !UNREADABLE.some((k) => k in msg)) return;
  if (isGroup(ctx.chat?.type as ChatKind) && !repliesToMe(msg as Message.TextMessage, me(ctx))) return;
  await limited(ctx, s, () => sendParts(ctx, textView(ui(ctx).textOnly), { replyTo: groupReplyTo(ctx) }));
}

async function onButton(ctx: Context, s: BotServices): Promise<void> {
  const query = ctx.callbackQuery!;
  const data = decodeCallback('data' in query ? query.data : undefined);
  const t = ui(ctx);
  if (!data) return void (await ctx.answerCbQuery());
  // Buttons that search or write (a question, a person, a subscription) count against the rate limit.
  if (data.kind === 'ask' || data.kind === 'human' || data.kind === 'sub') {
    const decision = await checkRate(s, query.from.id);
    if (decision.kind !== 'ok') return void (await ctx.answerCbQuery(decision.kind === 'limited' ? t.rateLimited(decision.retryInSeconds) : undefined));
  }
  if (data.kind === 'ask') {
    await ctx.answerCbQuery();
    return answerQuestion(ctx, s, data.question, { echoQuestion: true });
  }
  if (data.kind === 'unsub') return unfollow(ctx, s, data.id);
  if (data.kind === 'stop') return stopNotices(ctx, s, data.key);
  if (data.kind === 'sub') return followAnswer(ctx, s, data.key);
  if (data.kind === 'human') return handoff(ctx, s, data.key);
  const answer = await recallAnswer(s, data.key);
  if (!answer) return void (await ctx.answerCbQuery(t.expired));
  if (data.kind === 'cite') {
    const citation = answer.citations.find((c) => c.n === data.n);
    if (!citation) return void (await ctx.answerCbQuery(t.expired));
    await ctx.answerCbQuery();
    return sendParts(ctx, passageView(citation, answer.register), { replyTo: query.message?.message_id });
  }
  const result = await s.store.feedback.vote(
    { answerId: data.key, voter: voterHash(s, data.key, query.from.id), ttlMs: ANSWER_TTL_MS },
    {
      question: answer.question,
      found: answer.found,
      source: answer.source,
      citations: answer.citations,
      vote: data.vote,
      ...(answer.questionId ? { questionId: answer.questionId } : {}),
    },
  );
  await ctx.answerCbQuery(result === 'changed' ? t.voteChanged : t.thanks);
  // A 👎 on an answer: offer a person (a refusal already carries that button).
  if (data.vote === 'down' && result === 'added' && answer.found) await offerHandoff(ctx, data.key, answer);
}
