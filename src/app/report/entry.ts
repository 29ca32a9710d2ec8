// What the bot writes into the question log for one question: the text with personal data redacted, the
// outcome, the documents cited, latency and chat kind, and a keyed hash of the user instead of the user.
// The report needs exactly these fields; building them here keeps every front end writing the same row.
import { createHmac } from 'node:crypto';
import type { ChatKind, Outcome, QuestionEntry } from '../../state/types.ts';
import type { Answer } from '../../types.ts';
import { redactForDisplay } from './build.ts';

/**
 * HMAC-SHA256 of the user id under a secret key, cut to 16 hex characters: enough to count distinct askers,
 * useless for finding the person without the key (a plain hash of a Telegram id is reversed by enumeration).
 */
export function userHash(key: string, userId: number | string): string {
  return createHmac('sha256', key).update(String(userId)).digest('hex').slice(0, 16);
}

export interface AskedQuestion {
  /** The question as the citizen typed it: redacted here before anything is kept. */
  text: string;
  userId: number | string;
  chatKind: ChatKind;
  latencyMs: number;
  /** The answer, when there was one; an outcome other than answered/refused is passed as `outcome`. */
  answer?: Pick<Answer, 'found' | 'citations' | 'register'>;
  outcome?: Exclude<Outcome, 'answered' | 'refused'>;
  at?: number;
}

export function questionEntry(q: AskedQuestion, hashKey: string): QuestionEntry {
  const outcome: Outcome = q.outcome ?? (q.answer?.found ? 'answered' : 'refused');
  const docs = q.answer?.found ? [...new Set(q.answer.citations.map((c) => c.doc))] : [];
  const entry: QuestionEntry = {
    text: redactForDisplay(q.text),
    outcome,
    docs,
    latencyMs: Math.max(0, Math.round(q.latencyMs)),
    chatKind: q.chatKind,
    userHash: userHash(hashKey, q.userId),
  };
  if (q.at !== undefined) entry.at = q.at;
  if (q.answer) entry.lang = q.answer.register.lang;
  return entry;
}
