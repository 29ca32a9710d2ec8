// Answering one question in a chat: a "typing" action while working, ask() with the previous question of
// this chat as context, the streamed draft when the answerer streams, then the final answer with its
// sources footer, citation buttons and feedback buttons.
import type { Context } from 'telegraf';
import { nextContext } from '../app/ask.ts';
import { handoffButtonLabel } from '../app/handoff.ts';
import type { GuardedAnswer } from '../app/types.ts';
import { log } from '../log.ts';
import { type AnswerButtons, answerKeyboard } from './keyboards.ts';
import { chatKindOf, isFixedReply, logQuestion } from './questionlog.ts';
import { messageApi } from './send.ts';
import { type BotServices, keepContext, previousQuestion, rememberAnswer } from './services.ts';
import { StreamingReply } from './stream.ts';
import { answerTexts } from './texts.ts';
import { answerView } from './views.ts';

/** Telegram shows "typing" for about 5 s; repeat it while the answer takes longer. */
const TYPING_REPEAT_MS = 4500;

export interface QuestionOptions {
  /** Reply to this message (group chats, so the asker sees which question is answered). */
  replyTo?: number;
  /** Repeat the question above the answer (it came from a button, not typed by the user). */
  echoQuestion?: boolean;
}

/** The conversation a follow-up belongs to: one per user in each chat (group members do not share one). */
export function conversationKey(ctx: Context): string {
  return `${ctx.chat!.id}:${ctx.from?.id ?? 0}`;
}

export async function answerQuestion(ctx: Context, s: BotServices, question: string, opts: QuestionOptions = {}): Promise<void> {
  const chatId = ctx.chat!.id;
  const typing = await keepTyping(ctx, chatId);
  const key = conversationKey(ctx);
  const reply = new StreamingReply(messageApi(ctx), { intervalMs: s.streamIntervalMs, replyTo: opts.replyTo });
  const t0 = performance.now();
  s.metrics.questions.inc();
  let outcome: 'answered' | 'refused' | 'fixed' | 'error' = 'error';
  let fallback = false;
  let logged = false;
  const where = { userId: ctx.from?.id, chatKind: chatKindOf(ctx) };
  try {
    const previous = await previousQuestion(s, key);
    const answer = await s.app.ask(question, { previousQuestion: previous, onPartial: (text) => reply.partial(text) });
    s.metrics.intents.inc({ intent: answer.intent });
    // Logged when the answer is ready (latency: the time to answer, not Telegram's time to deliver it), so
    // the buttons can carry the row's id and a 👎 joins its question.
    const questionId = await logQuestion(s, { ...where, latencyMs: performance.now() - t0, answer });
    logged = true;
    const answerKey = await rememberAnswer(s, answer, questionId);
    const markup = answerKeyboard(answerKey, answer.citations, answerTexts(answer.register), extraButtons(answer));
    typing.stop();
    await reply.finish(answerView(answer, { echoQuestion: opts.echoQuestion }), markup);
    outcome = answer.found ? 'answered' : isFixedReply(answer) ? 'fixed' : 'refused';
    // With an LLM configured, a found answer not written by it is the extractive fallback.
    fallback = Boolean(s.app.config.llm) && answer.found && answer.source !== 'llm';
    // The redacted question: a conversation kept in a shared store never holds an ID or phone number.
    const context = nextContext(previous, answer.question, answer);
    if (context) await keepContext(s, key, context); // also restarts the context's time to live
    log.debug('answered', { found: answer.found, source: answer.source, ms: Math.round(performance.now() - t0) });
  } catch (err) {
    if (!logged) await logQuestion(s, { ...where, latencyMs: performance.now() - t0, text: question, outcome: 'error' });
    throw err;
  } finally {
    typing.stop();
    s.metrics.answered(outcome, (performance.now() - t0) / 1000, fallback);
  }
}

/** "Notify me" under an answer with citations or a refusal, and the way to a person under a refusal; none under
 * a fixed reply (a greeting is nothing to follow). */
function extraButtons(answer: GuardedAnswer): AnswerButtons {
  if (answer.found) return answer.citations.length ? { follow: 'answer' } : {};
  if (isFixedReply(answer)) return {};
  return { follow: 'refused', handoff: handoffButtonLabel(answer.register) };
}

/** Sends "typing" now (so it precedes the answer) and every few seconds until stopped. */
async function keepTyping(ctx: Context, chatId: number): Promise<{ stop(): void }> {
  const send = () => ctx.telegram.sendChatAction(chatId, 'typing').catch((err) => log.debug('chat action failed', { error: String(err) }));
  await send();
  const timer = setInterval(() => void send(), TYPING_REPEAT_MS);
  return { stop: () => clearInterval(timer) };
}
