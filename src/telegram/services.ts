// The state the handlers share: the App, the Telegram settings, conversation memory, the recent-answer cache
// behind the buttons, the rate limiter, the feedback store and the example questions.
import { randomBytes } from 'node:crypto';
import type { App } from '../app/app.ts';
import type { Config } from '../config.ts';
import type { Answer } from '../types.ts';
import { ExampleQuestions } from './examples.ts';
import { ExpiringMap } from './expiring.ts';
import type { FeedbackStore } from './feedback.ts';
import { RateLimiter } from './ratelimit.ts';
import { DEFAULT_STREAM_INTERVAL_MS } from './stream.ts';

/** An answer the bot sent, kept so its buttons work: user id -> feedback row of that user's vote (memory only). */
export interface CachedAnswer {
  answer: Answer;
  votes: Map<number, number>;
}

export interface BotServices {
  app: App;
  settings: Config['telegram'];
  feedback: FeedbackStore;
  /** The previous answered question, per chat and user, for follow-ups. */
  memory: ExpiringMap<string>;
  answers: ExpiringMap<CachedAnswer>;
  limiter: RateLimiter;
  examples: ExampleQuestions;
  streamIntervalMs: number;
}

export interface ServiceOptions {
  streamIntervalMs?: number;
  now?: () => number;
}

const ANSWER_TTL_MS = 24 * 3600_000;
const MAX_ANSWERS = 5000;
const MAX_CONVERSATIONS = 20_000;

export function createServices(app: App, feedback: FeedbackStore, opts: ServiceOptions = {}): BotServices {
  const settings = app.config.telegram;
  const now = opts.now ?? Date.now;
  return {
    app,
    settings,
    feedback,
    memory: new ExpiringMap(settings.contextTtlSeconds * 1000, MAX_CONVERSATIONS, now),
    answers: new ExpiringMap(ANSWER_TTL_MS, MAX_ANSWERS, now),
    limiter: new RateLimiter(settings.rateLimitPerMinute, 60_000, now),
    examples: new ExampleQuestions(app),
    streamIntervalMs: opts.streamIntervalMs ?? DEFAULT_STREAM_INTERVAL_MS,
  };
}

/** Stores an answer for its buttons; returns the short key the callback data carries. */
export function rememberAnswer(s: BotServices, answer: Answer): string {
  const key = randomBytes(6).toString('base64url');
  s.answers.set(key, { answer, votes: new Map() });
  return key;
}
