// What the handlers share: the App, the Telegram settings, the state store (conversation context, rate limits,
// the answers behind buttons, feedback — shared by replicas, kept across restarts), metrics and examples.
import { createHmac } from 'node:crypto';
import type { App } from '../app/app.ts';
import type { Config } from '../config.ts';
import { redact } from '../guard/pii.ts';
import type { StateStore } from '../state/types.ts';
import { type Lexicon, lexiconFor } from '../text/lexicon.ts';
import type { Answer } from '../types.ts';
import { ExampleQuestions } from './examples.ts';
import type { BotMetrics } from './metrics.ts';
import { DEFAULT_STREAM_INTERVAL_MS } from './stream.ts';
import { resolveUserHashKey } from './userkey.ts';

export interface BotServices {
  app: App;
  settings: Config['telegram'];
  store: StateStore;
  metrics: BotMetrics;
  examples: ExampleQuestions;
  streamIntervalMs: number;
  /** Key of the hashes that stand for users in the store: the same on every replica (derived from the bot
   * token), never stored, so the store holds no Telegram user id. */
  voterKey: Buffer;
  /** Key of the user hash in the question log (USER_HASH_KEY, or the one kept in DATA_DIR). */
  hashKey: string;
  /** The lexicon the gap report clusters with, loaded at the first /gaps. */
  lexicon(): Lexicon;
}

export interface ServiceOptions {
  streamIntervalMs?: number;
  /** The user-hash key (tests); defaults to USER_HASH_KEY or the one kept in DATA_DIR. */
  hashKey?: string;
}

/** Buttons under an answer work this long. */
export const ANSWER_TTL_MS = 24 * 3600_000;
export const RATE_WINDOW_MS = 60_000;

export function createServices(app: App, store: StateStore, metrics: BotMetrics, token: string, opts: ServiceOptions = {}): BotServices {
  let lexicon: Lexicon | undefined;
  return {
    app,
    settings: app.config.telegram,
    store,
    metrics,
    examples: new ExampleQuestions(app),
    streamIntervalMs: opts.streamIntervalMs ?? DEFAULT_STREAM_INTERVAL_MS,
    voterKey: createHmac('sha256', 'wenzheng voter').update(token).digest(),
    hashKey: opts.hashKey ?? resolveUserHashKey(app.config),
    lexicon: () => (lexicon ??= lexiconFor(app.config.lexicon)),
  };
}

/** An answer kept for its buttons: the question-log row it was logged as, when it was. */
export type RememberedAnswer = Answer & { questionId?: string };

/** Stores an answer for its buttons (with personal data redacted); returns the short id the callback data carries. */
export function rememberAnswer(s: BotServices, answer: Answer, questionId?: string): Promise<string> {
  return s.store.callbacks.put({ ...answer, question: redact(answer.question).text, ...(questionId ? { questionId } : {}) }, ANSWER_TTL_MS);
}

export function recallAnswer(s: BotServices, id: string): Promise<RememberedAnswer | undefined> {
  return s.store.callbacks.get<RememberedAnswer>(id);
}

/** The previous question of a conversation, for follow-ups. */
export function previousQuestion(s: BotServices, conversation: string): Promise<string | undefined> {
  return s.store.contexts.get<string>(`conv:${storeKey(s, conversation)}`);
}

/** Keeps `question` as the conversation's context (redacted), restarting its time to live. */
export async function keepContext(s: BotServices, conversation: string, question: string): Promise<void> {
  if (s.settings.contextTtlSeconds <= 0) return;
  await s.store.contexts.set(`conv:${storeKey(s, conversation)}`, redact(question).text, s.settings.contextTtlSeconds * 1000);
}

/** What the store knows a user (or a chat:user conversation) by: a keyed hash, not the Telegram id. */
export function storeKey(s: BotServices, plain: string): string {
  return createHmac('sha256', s.voterKey).update(plain).digest('base64url').slice(0, 22);
}

/** A per-answer hash of the voter: lets them change their vote, links nothing across answers, expires with it. */
export function voterHash(s: BotServices, answerId: string, userId: number): string {
  return storeKey(s, `vote:${answerId}:${userId}`);
}
