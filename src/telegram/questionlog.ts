// The question log as the bot writes it (issue 14): one row per question with its outcome, the documents cited,
// latency, chat kind and a keyed hash of the user, never the id or name. The text written is the redacted one
// App.ask returns (questionEntry redacts once more); a failed log write never costs the citizen the answer.
import type { Context } from 'telegraf';
import { questionEntry } from '../app/report/entry.ts';
import type { GuardedAnswer } from '../app/types.ts';
import { describeError } from '../errors.ts';
import { redact } from '../guard/pii.ts';
import { log } from '../log.ts';
import type { ChatKind, Outcome } from '../state/types.ts';
import type { BotServices } from './services.ts';

/** Intents triage answers with a fixed text (no search): not a refusal of a question, and not a gap. */
const FIXED_INTENTS = new Set(['greeting', 'thanks', 'crisis', 'complaint', 'others-data']);

/** A fixed reply (greeting, thanks, crisis hotline, refusing to look a person up) rather than a searched answer. */
export function isFixedReply(a: Pick<GuardedAnswer, 'found' | 'intent' | 'timings'>): boolean {
  if (a.found) return false;
  // The lookup refusal keeps the intent 'question'; like every fixed reply it never searched.
  return FIXED_INTENTS.has(a.intent) || (a.timings.retrieve_ms === 0 && a.timings.answer_ms === 0);
}

export function chatKindOf(ctx: Context): ChatKind {
  const t = ctx.chat?.type;
  return t === 'group' || t === 'supergroup' || t === 'channel' ? t : 'private';
}

export interface LoggedQuestion {
  userId: number | undefined;
  chatKind: ChatKind;
  latencyMs: number;
  answer?: GuardedAnswer;
  /** The text when there is no answer (rate-limited, error): redacted here before it goes anywhere. */
  text?: string;
  outcome?: Exclude<Outcome, 'answered' | 'refused'>;
}

/** Writes the row; returns its id, or undefined when the question is not logged or the write failed. */
export async function logQuestion(s: BotServices, q: LoggedQuestion): Promise<string | undefined> {
  // Greetings and hotline replies are not questions the documents failed: they would be noise in the gap report.
  if (q.answer && isFixedReply(q.answer)) return undefined;
  const text = q.answer ? q.answer.question : redact(q.text ?? '').text;
  if (!text.trim()) return undefined;
  try {
    const entry = questionEntry({ text, userId: q.userId ?? 0, chatKind: q.chatKind, latencyMs: q.latencyMs, answer: q.answer, outcome: q.outcome }, s.hashKey);
    return await s.store.questions.record(entry);
  } catch (err) {
    log.warn('could not log the question', { error: describeError(err) });
    return undefined;
  }
}
