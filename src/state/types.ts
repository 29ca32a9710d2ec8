// The state store contract: everything the bot keeps that must outlive a process or be shared by replicas.
// Two implementations sit beside it (sqlite.ts embedded default, redis.ts for N replicas); the bot sees only this.
// Every call is async because Redis is remote. Values are stored as JSON: what goes in must survive
// JSON.stringify (no Maps, no undefined inside arrays), and comes back as plain data.
import type { Citation } from '../types.ts';

/** Conversation context per chat key (e.g. "chatId:userId"): the previous question a follow-up refers to. */
export interface ContextStore {
  get<T = unknown>(key: string): Promise<T | undefined>;
  /** Stores `value` for `ttlMs`; setting again replaces it and restarts its time to live. */
  set(key: string, value: unknown, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface RateDecision {
  allowed: boolean;
  /** Hits still allowed in the current window after this one (0 when refused). */
  remaining: number;
  /** When refused: how long until the oldest hit leaves the window and one more is allowed; 0 when allowed. */
  retryAfterMs: number;
  /** True on the first refused hit since the last allowed one, so the bot says "slow down" once, then stays quiet. */
  firstRefusal: boolean;
}

/** Sliding-window rate limit, atomic across replicas: `limit` hits per `windowMs`, exactly, whoever counts. */
export interface RateLimitStore {
  hit(key: string, limit: number, windowMs: number): Promise<RateDecision>;
}

/** De-duplication of Telegram update_ids: a re-delivered update is answered by exactly one replica.
 * A claim is first a short lease (the update is being taken in), then confirmed for the de-duplication window
 * once Telegram has been told the update arrived (webhook 200) or its answer was sent (polling). A replica that
 * dies holding a lease loses it when the lease lapses, so Telegram's re-delivery is answered by another one. */
export interface UpdateClaims {
  /** True for exactly one caller across replicas until `ttlMs` passes or the claim is released. */
  claim(updateId: number, ttlMs: number): Promise<boolean>;
  /** Marks the update as taken for good (acknowledged or answered) for `ttlMs`, claimed before or not. */
  confirm(updateId: number, ttlMs: number): Promise<void>;
  /** True when the update was confirmed (and that has not lapsed); false for a mere lease or no claim. */
  confirmed(updateId: number): Promise<boolean>;
  /** Gives a claim up (the answer failed before it was sent), so Telegram's re-delivery is processed again. */
  release(updateId: number): Promise<void>;
}

/** Data behind inline buttons: Telegram's callback_data holds 64 bytes, so buttons carry a short id instead. */
export interface CallbackStore {
  /** Stores `value` for `ttlMs`; returns an id of at most 16 URL-safe characters. */
  put(value: unknown, ttlMs: number): Promise<string>;
  get<T = unknown>(id: string): Promise<T | undefined>;
}

export type Vote = 'up' | 'down';

/** One 👍/👎 with what the answer was; never a user id or name. */
export interface FeedbackInput {
  question: string;
  found: boolean;
  /** Which answerer produced it ("extractive", "llm", ...). */
  source: string;
  citations: Pick<Citation, 'n' | 'doc' | 'title' | 'paragraph'>[];
  vote: Vote;
  /** The question-log entry of the answer, when it was logged (issue 14 joins votes to outcomes with it). */
  questionId?: string;
}

export interface FeedbackRow extends FeedbackInput {
  id: string;
  createdAt: number;
  updatedAt: number;
}

export interface VoteTarget {
  /** The answer voted on (its callback id). */
  answerId: string;
  /** A keyed hash of the voter, used only to let the same voter change their vote; it expires with `ttlMs` and is
   * never written into the feedback row. */
  voter: string;
  ttlMs: number;
}

export interface FeedbackLog {
  /** Records a vote; the same voter voting again on the same answer (within ttlMs) changes their earlier vote. */
  vote(target: VoteTarget, input: FeedbackInput): Promise<'added' | 'changed'>;
  counts(): Promise<{ up: number; down: number }>;
  /** Feedback created at or after `sinceMs` (epoch ms), oldest first. */
  list(sinceMs?: number): Promise<FeedbackRow[]>;
}

export type Outcome = 'answered' | 'refused' | 'rate-limited' | 'error';
export type ChatKind = 'private' | 'group' | 'supergroup' | 'channel' | 'inline';

/** What was asked and how it went, for the knowledge-gap report. The text is redacted by the caller. */
export interface QuestionEntry {
  /** Epoch ms; defaults to the store's clock. */
  at?: number;
  /** The question with personal data already redacted (issue 13); the store does not redact. */
  text: string;
  outcome: Outcome;
  /** Document ids the answer cited, in order. */
  docs: string[];
  latencyMs: number;
  chatKind: ChatKind;
  /** A keyed hash of the user id (for counting distinct users), never the id itself. */
  userHash: string;
  lang?: string;
}

export interface QuestionRow extends Required<Omit<QuestionEntry, 'lang'>> {
  id: string;
  lang?: string;
}

export interface QuestionLog {
  /** Logs a question; returns its id. */
  record(entry: QuestionEntry): Promise<string>;
  /** Questions asked at or after `sinceMs` (epoch ms), oldest first. */
  since(sinceMs: number): Promise<QuestionRow[]>;
}

/** A change-notice subscription (issue 14): `owner` is where notices go (the chat that opted in), `id` names what
 * is followed, `data` is the caller's JSON (the question and the passages its answer cited). */
export interface Subscription {
  owner: string;
  id: string;
  data: unknown;
  createdAt: number;
}

export interface SubscriptionSet {
  /** False when `owner` already follows `id` (the data is left as it was). */
  add(owner: string, id: string, data: unknown): Promise<boolean>;
  /** False when there was nothing to remove. */
  remove(owner: string, id: string): Promise<boolean>;
  list(owner: string): Promise<Subscription[]>;
  /** Every subscription, for the refresh job that sends notices. */
  all(): Promise<Subscription[]>;
}

export interface StateStore {
  readonly kind: 'sqlite' | 'redis';
  readonly contexts: ContextStore;
  readonly limits: RateLimitStore;
  readonly updates: UpdateClaims;
  readonly callbacks: CallbackStore;
  readonly feedback: FeedbackLog;
  readonly questions: QuestionLog;
  readonly subscriptions: SubscriptionSet;
  /** Retention: deletes question-log and feedback rows older than `olderThanMs` (an age); returns how many. */
  purge(olderThanMs: number): Promise<number>;
  /** Resolves when the store answers (readiness); rejects with StateStoreError otherwise. */
  ping(): Promise<void>;
  /** Idempotent. */
  close(): Promise<void>;
}

/** What the factory needs; config.ts fills it from DATA_DIR, REDIS_URL and a namespace (e.g. the bot's name). */
export interface StateOptions {
  dataDir: string;
  /** Set: Redis (shared by replicas). Unset: SQLite in dataDir. */
  redisUrl?: string;
  /** Separates bots (or test runs) sharing one Redis: keys are `wz:<namespace>:…`. */
  namespace: string;
  /** The clock for expiry and log times (tests); Redis expiry and rate windows use the server's own clock. */
  now?: () => number;
}
