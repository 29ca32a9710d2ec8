// The shared state store for N replicas: one Redis (REDIS_URL). Every key is `wz:<namespace>:<kind>:…`; the
// expiring kinds (context, rate windows, update claims, callbacks, vote links) carry a PX time to live, the logs
// (feedback, questions, subscriptions) stay until retention or an unsubscribe removes them. Steps that read and
// then write run as Lua scripts (redis-scripts.ts), so they are atomic across replicas.
import { Redis } from 'ioredis';
import { describeError } from '../errors.ts';
import { log } from '../log.ts';
import { StateStoreError } from './errors.ts';
import { newId } from './ids.ts';
import { HIT, PURGE_FEEDBACK, VOTE } from './redis-scripts.ts';
import type { FeedbackLog, FeedbackRow, QuestionLog, QuestionRow, RateDecision, StateStore, Subscription, SubscriptionSet, UpdateKey, Vote } from './types.ts';

const PING_TIMEOUT_MS = 2000;
/** The value of a confirmed update claim (a lease holds 1). */
const CONFIRMED = 'done';

type Scripted = Redis & {
  wzHit(zset: string, warned: string, limit: number, windowMs: number, member: string): Promise<[number, number, number, number]>;
  wzVote(link: string, index: string, id: string, row: string, vote: Vote, now: number, ttlMs: number, prefix: string): Promise<'added' | 'changed'>;
  wzPurgeFeedback(index: string, cutoff: number, prefix: string): Promise<number>;
};

export interface RedisStoreOptions {
  namespace: string;
  now?: () => number;
}

export class RedisStore implements StateStore {
  readonly kind = 'redis';
  private readonly redis: Scripted;
  private readonly now: () => number;
  private closed = false;

  private constructor(
    redis: Redis,
    private readonly ns: string,
    now?: () => number,
  ) {
    redis.defineCommand('wzHit', { numberOfKeys: 2, lua: HIT });
    redis.defineCommand('wzVote', { numberOfKeys: 2, lua: VOTE });
    redis.defineCommand('wzPurgeFeedback', { numberOfKeys: 1, lua: PURGE_FEEDBACK });
    this.redis = redis as Scripted;
    this.now = now ?? Date.now;
  }

  /** Connects and checks the server answers, so a wrong REDIS_URL fails at start, not at the first question. */
  static async connect(url: string, opts: RedisStoreOptions): Promise<RedisStore> {
    // Few retries per command: a replica whose Redis is gone should answer "not ready", not hang for minutes.
    const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2, connectTimeout: 5000 });
    let last = '';
    redis.on('error', (err) => {
      const msg = describeError(err);
      if (msg !== last) log.warn('redis connection problem', { error: msg }); // once per distinct error, not per retry
      last = msg;
    });
    redis.on('ready', () => (last = ''));
    try {
      await redis.connect();
    } catch (err) {
      redis.disconnect();
      throw new StateStoreError(`cannot connect to Redis at ${redactUrl(url)}`, 'check REDIS_URL and that redis-server is running and reachable', {
        cause: err,
      });
    }
    const store = new RedisStore(redis, opts.namespace, opts.now);
    await store.ping();
    return store;
  }

  /** `wz:<namespace>:<parts…>` */
  key(...parts: string[]): string {
    return ['wz', this.ns, ...parts].join(':');
  }

  readonly contexts = {
    get: async <T>(key: string) => parse<T>(await this.redis.get(this.key('ctx', key))),
    set: async (key: string, value: unknown, ttlMs: number) => void (await this.redis.set(this.key('ctx', key), JSON.stringify(value), 'PX', ttl(ttlMs))),
    delete: async (key: string) => void (await this.redis.del(this.key('ctx', key))),
  };

  readonly limits = {
    hit: async (key: string, limit: number, windowMs: number): Promise<RateDecision> => {
      const [allowed, remaining, retryAfterMs, first] = await this.redis.wzHit(this.key('rl', key), this.key('rlw', key), limit, ttl(windowMs), newId());
      return { allowed: allowed === 1, remaining, retryAfterMs, firstRefusal: first === 1 };
    },
  };

  readonly updates = {
    claim: async (updateId: UpdateKey, ttlMs: number) => (await this.redis.set(this.key('upd', String(updateId)), '1', 'PX', ttl(ttlMs), 'NX')) === 'OK',
    confirm: async (updateId: UpdateKey, ttlMs: number) => void (await this.redis.set(this.key('upd', String(updateId)), CONFIRMED, 'PX', ttl(ttlMs))),
    confirmed: async (updateId: UpdateKey) => (await this.redis.get(this.key('upd', String(updateId)))) === CONFIRMED,
    release: async (updateId: UpdateKey) => void (await this.redis.del(this.key('upd', String(updateId)))),
  };

  readonly callbacks = {
    put: async (value: unknown, ttlMs: number) => {
      const id = newId();
      await this.redis.set(this.key('cb', id), JSON.stringify(value), 'PX', ttl(ttlMs));
      return id;
    },
    get: async <T>(id: string) => parse<T>(await this.redis.get(this.key('cb', id))),
  };

  readonly feedback: FeedbackLog = {
    vote: async (target, input) => {
      const { vote, ...rest } = input;
      const row = { ...rest, citations: input.citations.map((c) => ({ n: c.n, doc: c.doc, title: c.title, paragraph: c.paragraph })) };
      const link = this.key('vote', target.answerId, target.voter);
      return this.redis.wzVote(link, this.key('fb'), newId(), JSON.stringify(row), vote, this.now(), ttl(target.ttlMs), this.key('fb', ''));
    },
    counts: async () => {
      const rows = await this.feedback.list(0);
      return { up: rows.filter((r) => r.vote === 'up').length, down: rows.filter((r) => r.vote === 'down').length };
    },
    list: async (sinceMs = 0) => {
      const ids = await this.redis.zrangebyscore(this.key('fb'), sinceMs, '+inf');
      const p = this.redis.pipeline();
      for (const id of ids) p.hgetall(this.key('fb', id));
      const rows: { row: FeedbackRow; seq: number }[] = [];
      for (const [i, [err, h]] of ((await p.exec()) ?? []).entries()) {
        const f = h as Record<string, string>;
        if (err || !f.row) continue; // purged between the two reads
        const row = { ...JSON.parse(f.row), id: ids[i], vote: f.vote as Vote, createdAt: Number(f.createdAt), updatedAt: Number(f.updatedAt) };
        rows.push({ row, seq: Number(f.seq ?? 0) });
      }
      // The time index orders votes of the same millisecond by their random ids: their sequence keeps the order of voting.
      return rows.sort((a, b) => a.row.createdAt - b.row.createdAt || a.seq - b.seq).map((r) => r.row);
    },
  };

  readonly questions: QuestionLog = {
    record: async (e) => {
      const row: QuestionRow = {
        id: newId(),
        at: e.at ?? this.now(),
        text: e.text,
        outcome: e.outcome,
        docs: e.docs,
        latencyMs: Math.round(e.latencyMs),
        chatKind: e.chatKind,
        userHash: e.userHash,
      };
      if (e.lang) row.lang = e.lang;
      await this.redis.zadd(this.key('q'), row.at, JSON.stringify(row));
      return row.id;
    },
    since: async (sinceMs) => (await this.redis.zrangebyscore(this.key('q'), sinceMs, '+inf')).map((m) => JSON.parse(m) as QuestionRow),
  };

  readonly subscriptions: SubscriptionSet = {
    add: async (owner, id, data) => {
      const added = await this.redis.hsetnx(this.key('sub', owner), id, JSON.stringify({ data, createdAt: this.now() }));
      if (added) await this.redis.sadd(this.key('sub-owners'), owner);
      return added === 1;
    },
    remove: async (owner, id) => (await this.redis.hdel(this.key('sub', owner), id)) === 1,
    list: async (owner) => subscriptionsOf(owner, await this.redis.hgetall(this.key('sub', owner))),
    all: async () => {
      const owners = (await this.redis.smembers(this.key('sub-owners'))).sort();
      const p = this.redis.pipeline();
      for (const o of owners) p.hgetall(this.key('sub', o));
      const res = (await p.exec()) ?? [];
      return owners.flatMap((o, i) => subscriptionsOf(o, (res[i]?.[1] ?? {}) as Record<string, string>));
    },
  };

  async purge(olderThanMs: number): Promise<number> {
    const cutoff = this.now() - olderThanMs;
    const q = await this.redis.zremrangebyscore(this.key('q'), '-inf', `(${cutoff}`);
    return q + (await this.redis.wzPurgeFeedback(this.key('fb'), cutoff, this.key('fb', '')));
  }

  async ping(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, fail) => (timer = setTimeout(() => fail(new Error(`no answer within ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS)));
    try {
      await Promise.race([this.redis.ping(), late]);
    } catch (err) {
      throw new StateStoreError('Redis does not answer', 'check that redis-server is running and REDIS_URL points at it', { cause: err });
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** Redis refuses PX 0; a non-positive time to live means "gone at once", so round it up to 1 ms. */
function ttl(ms: number): number {
  return Math.max(1, Math.round(ms));
}

function parse<T>(raw: string | null): T | undefined {
  return raw === null ? undefined : (JSON.parse(raw) as T);
}

function subscriptionsOf(owner: string, h: Record<string, string>): Subscription[] {
  return Object.entries(h)
    .map(([id, raw]) => {
      const { data, createdAt } = JSON.parse(raw) as { data: unknown; createdAt: number };
      return { owner, id, data, createdAt };
    })
    .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

/** The URL without its password, for messages and logs. */
function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable REDIS_URL)';
  }
}
