// The embedded state store: one SQLite file in DATA_DIR (WAL mode, so readers never wait for the writer), for a
// single process or several processes on one machine. Expiring rows are skipped when read and deleted on a timer;
// a restart keeps conversations. better-sqlite3 is synchronous, so each call is one atomic step in this process,
// and read-modify-write steps run in IMMEDIATE transactions so other processes on the file cannot interleave.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { StateStoreError } from './errors.ts';
import { newId } from './ids.ts';
import { SqliteLogs } from './sqlite-logs.ts';
import type { RateDecision, StateStore } from './types.ts';

export const STATE_FILE = 'state.sqlite';
/** How often expired rows are deleted (reads already skip them). */
const SWEEP_MS = 60_000;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS kv (
  space TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, expires INTEGER NOT NULL,
  PRIMARY KEY (space, key)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS kv_expires ON kv (expires);
CREATE TABLE IF NOT EXISTS rate (
  key TEXT PRIMARY KEY, hits TEXT NOT NULL, warned INTEGER NOT NULL, expires INTEGER NOT NULL) WITHOUT ROWID;
`;

/** The value of a confirmed update claim (a lease holds 1). */
const CONFIRMED = 'done';

/** Spaces of the kv table: each kind of expiring value keeps its own keys. */
type Space = 'ctx' | 'cb' | 'upd';

export interface SqliteStoreOptions {
  now?: () => number;
  /** 0 turns the sweep timer off (tests sweep by hand). */
  sweepMs?: number;
}

export class SqliteStore implements StateStore {
  readonly kind = 'sqlite';
  private readonly timer?: NodeJS.Timeout;
  private readonly logs: SqliteLogs;

  private constructor(
    private readonly db: Database.Database,
    private readonly now: () => number,
    sweepMs: number,
  ) {
    db.pragma('journal_mode = WAL');
    // Another process on the same file may hold the write lock for a moment; wait rather than fail.
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    db.exec(SCHEMA);
    this.logs = new SqliteLogs(db, now);
    if (sweepMs > 0) {
      this.timer = setInterval(() => this.sweep(), sweepMs);
      this.timer.unref(); // the sweep never keeps the process alive
    }
  }

  /** Opens (creating if needed) `<dataDir>/state.sqlite`. */
  static open(dataDir: string, opts: SqliteStoreOptions = {}): SqliteStore {
    const file = join(dataDir, STATE_FILE);
    try {
      mkdirSync(dataDir, { recursive: true });
      return new SqliteStore(new Database(file), opts.now ?? Date.now, opts.sweepMs ?? SWEEP_MS);
    } catch (err) {
      throw new StateStoreError(
        `cannot open the state database ${file}`,
        'check that DATA_DIR is writable and the file is not damaged (move it away to start afresh)',
        { cause: err },
      );
    }
  }

  readonly contexts = {
    get: async <T>(key: string) => this.read<T>('ctx', key),
    set: async (key: string, value: unknown, ttlMs: number) => this.put('ctx', key, value, ttlMs),
    delete: async (key: string) => void this.db.prepare('DELETE FROM kv WHERE space = ? AND key = ?').run('ctx', key),
  };

  readonly limits = {
    hit: async (key: string, limit: number, windowMs: number) => this.hit(key, limit, windowMs),
  };

  readonly updates = {
    claim: async (updateId: number, ttlMs: number) => {
      const t = this.now();
      // Inserts, or takes over an expired claim; changes is 0 when a live claim exists.
      const r = this.db
        .prepare(`INSERT INTO kv (space, key, value, expires) VALUES ('upd', ?, '1', ?)
          ON CONFLICT (space, key) DO UPDATE SET expires = excluded.expires WHERE kv.expires <= ?`)
        .run(String(updateId), t + ttlMs, t);
      return r.changes === 1;
    },
    confirm: async (updateId: number, ttlMs: number) => this.put('upd', String(updateId), CONFIRMED, ttlMs),
    confirmed: async (updateId: number) => this.read('upd', String(updateId)) === CONFIRMED,
    release: async (updateId: number) => void this.db.prepare("DELETE FROM kv WHERE space = 'upd' AND key = ?").run(String(updateId)),
  };

  readonly callbacks = {
    put: async (value: unknown, ttlMs: number) => {
      const id = newId();
      this.put('cb', id, value, ttlMs);
      return id;
    },
    get: async <T>(id: string) => this.read<T>('cb', id),
  };

  get feedback() {
    return this.logs.feedback;
  }

  get questions() {
    return this.logs.questions;
  }

  get subscriptions() {
    return this.logs.subscriptions;
  }

  async purge(olderThanMs: number): Promise<number> {
    return this.logs.purge(this.now() - olderThanMs);
  }

  async ping(): Promise<void> {
    try {
      this.db.prepare('SELECT 1').get();
    } catch (err) {
      throw new StateStoreError('the state database does not answer', 'check DATA_DIR (disk full, file removed, store closed)', { cause: err });
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.db.open) this.db.close();
  }

  /** Deletes expired rows; returns how many. Runs on the timer; public for tests and for a shutdown tidy-up. */
  sweep(): number {
    const t = this.now();
    const a = this.db.prepare('DELETE FROM kv WHERE expires <= ?').run(t).changes;
    return a + this.db.prepare('DELETE FROM rate WHERE expires <= ?').run(t).changes;
  }

  private put(space: Space, key: string, value: unknown, ttlMs: number): void {
    this.db
      .prepare(
        'INSERT INTO kv (space, key, value, expires) VALUES (?, ?, ?, ?) ON CONFLICT (space, key) DO UPDATE SET value = excluded.value, expires = excluded.expires',
      )
      .run(space, key, JSON.stringify(value), this.now() + ttlMs);
  }

  private read<T>(space: Space, key: string): T | undefined {
    const row = this.db.prepare('SELECT value FROM kv WHERE space = ? AND key = ? AND expires > ?').get(space, key, this.now()) as
      | { value: string }
      | undefined;
    return row ? (JSON.parse(row.value) as T) : undefined;
  }

  /** The window's hit times live in one row; IMMEDIATE takes the write lock before reading, so two processes
   * counting the same key are serialised and the limit holds exactly. */
  private hit(key: string, limit: number, windowMs: number): RateDecision {
    const step = this.db.transaction((): RateDecision => {
      const t = this.now();
      const row = this.db.prepare('SELECT hits, warned FROM rate WHERE key = ?').get(key) as { hits: string; warned: number } | undefined;
      const hits = (row ? (JSON.parse(row.hits) as number[]) : []).filter((x) => t - x < windowMs);
      const save = this.db.prepare(
        'INSERT INTO rate (key, hits, warned, expires) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET hits = excluded.hits, warned = excluded.warned, expires = excluded.expires',
      );
      if (hits.length < limit) {
        hits.push(t);
        save.run(key, JSON.stringify(hits), 0, t + windowMs);
        return { allowed: true, remaining: limit - hits.length, retryAfterMs: 0, firstRefusal: false };
      }
      const firstRefusal = !row?.warned;
      save.run(key, JSON.stringify(hits), 1, (hits.at(-1) ?? t) + windowMs);
      return { allowed: false, remaining: 0, retryAfterMs: Math.max(1, (hits[0] ?? t) + windowMs - t), firstRefusal };
    });
    return step.immediate();
  }
}
