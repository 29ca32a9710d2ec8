// The long-lived part of the SQLite store: feedback, the question log and subscriptions. Rows stay until
// retention (`purge`) or an unsubscribe removes them. The link that lets a voter change their vote lives in the
// expiring kv table, apart from the feedback row, so the row itself never holds anything about the voter.
import type Database from 'better-sqlite3';
import { newId } from './ids.ts';
import type { FeedbackLog, FeedbackRow, QuestionLog, QuestionRow, Subscription, SubscriptionSet, Vote } from './types.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS feedback (
  id TEXT PRIMARY KEY, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, question_id TEXT,
  question TEXT NOT NULL, found INTEGER NOT NULL, source TEXT NOT NULL, citations TEXT NOT NULL,
  vote TEXT NOT NULL CHECK (vote IN ('up', 'down')));
CREATE INDEX IF NOT EXISTS feedback_created ON feedback (created_at);
CREATE TABLE IF NOT EXISTS questions (
  id TEXT PRIMARY KEY, at INTEGER NOT NULL, text TEXT NOT NULL, outcome TEXT NOT NULL, docs TEXT NOT NULL,
  latency_ms INTEGER NOT NULL, chat_kind TEXT NOT NULL, user_hash TEXT NOT NULL, lang TEXT);
CREATE INDEX IF NOT EXISTS questions_at ON questions (at);
CREATE TABLE IF NOT EXISTS subscriptions (
  owner TEXT NOT NULL, id TEXT NOT NULL, data TEXT NOT NULL, created_at INTEGER NOT NULL,
  PRIMARY KEY (owner, id)) WITHOUT ROWID;
`;

type Row = Record<string, unknown>;

export class SqliteLogs {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => number,
  ) {
    db.exec(SCHEMA);
  }

  readonly feedback: FeedbackLog = {
    vote: async (target, input) => {
      const step = this.db.transaction((): 'added' | 'changed' => {
        const t = this.now();
        const link = `${target.answerId}:${target.voter}`;
        const prev = this.db.prepare("SELECT value FROM kv WHERE space = 'vote' AND key = ? AND expires > ?").get(link, t) as { value: string } | undefined;
        if (prev) {
          const changed = this.db.prepare('UPDATE feedback SET vote = ?, updated_at = ? WHERE id = ?').run(input.vote, t, JSON.parse(prev.value)).changes;
          if (changed) return 'changed'; // else the row was purged: record the vote afresh
        }
        const id = newId();
        const citations = JSON.stringify(input.citations.map((c) => ({ n: c.n, doc: c.doc, title: c.title, paragraph: c.paragraph })));
        this.db
          .prepare(
            'INSERT INTO feedback (id, created_at, updated_at, question_id, question, found, source, citations, vote) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
          )
          .run(id, t, t, input.questionId ?? null, input.question, input.found ? 1 : 0, input.source, citations, input.vote);
        this.db
          .prepare(
            "INSERT INTO kv (space, key, value, expires) VALUES ('vote', ?, ?, ?) ON CONFLICT (space, key) DO UPDATE SET value = excluded.value, expires = excluded.expires",
          )
          .run(link, JSON.stringify(id), t + target.ttlMs);
        return 'added';
      });
      return step.immediate();
    },
    counts: async () => {
      const rows = this.db.prepare('SELECT vote, COUNT(*) AS n FROM feedback GROUP BY vote').all() as { vote: Vote; n: number }[];
      return { up: rows.find((r) => r.vote === 'up')?.n ?? 0, down: rows.find((r) => r.vote === 'down')?.n ?? 0 };
    },
    list: async (sinceMs = 0) =>
      (this.db.prepare('SELECT * FROM feedback WHERE created_at >= ? ORDER BY created_at, rowid').all(sinceMs) as Row[]).map(feedbackRow),
  };

  readonly questions: QuestionLog = {
    record: async (e) => {
      const id = newId();
      this.db
        .prepare('INSERT INTO questions (id, at, text, outcome, docs, latency_ms, chat_kind, user_hash, lang) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(id, e.at ?? this.now(), e.text, e.outcome, JSON.stringify(e.docs), Math.round(e.latencyMs), e.chatKind, e.userHash, e.lang ?? null);
      return id;
    },
    since: async (sinceMs) => (this.db.prepare('SELECT * FROM questions WHERE at >= ? ORDER BY at, rowid').all(sinceMs) as Row[]).map(questionRow),
  };

  readonly subscriptions: SubscriptionSet = {
    add: async (owner, id, data) =>
      this.db.prepare('INSERT OR IGNORE INTO subscriptions (owner, id, data, created_at) VALUES (?, ?, ?, ?)').run(owner, id, JSON.stringify(data), this.now())
        .changes === 1,
    remove: async (owner, id) => this.db.prepare('DELETE FROM subscriptions WHERE owner = ? AND id = ?').run(owner, id).changes === 1,
    list: async (owner) => (this.db.prepare('SELECT * FROM subscriptions WHERE owner = ? ORDER BY created_at, id').all(owner) as Row[]).map(subscription),
    all: async () => (this.db.prepare('SELECT * FROM subscriptions ORDER BY owner, created_at, id').all() as Row[]).map(subscription),
  };

  /** Deletes question-log and feedback rows from before `cutoffMs` (epoch); returns how many. */
  purge(cutoffMs: number): number {
    const q = this.db.prepare('DELETE FROM questions WHERE at < ?').run(cutoffMs).changes;
    return q + this.db.prepare('DELETE FROM feedback WHERE created_at < ?').run(cutoffMs).changes;
  }
}

function feedbackRow(r: Row): FeedbackRow {
  const row: FeedbackRow = {
    id: String(r.id),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    question: String(r.question),
    found: r.found === 1,
    source: String(r.source),
    citations: JSON.parse(String(r.citations)),
    vote: r.vote as Vote,
  };
  if (r.question_id != null) row.questionId = String(r.question_id);
  return row;
}

function questionRow(r: Row): QuestionRow {
  const row: QuestionRow = {
    id: String(r.id),
    at: Number(r.at),
    text: String(r.text),
    outcome: r.outcome as QuestionRow['outcome'],
    docs: JSON.parse(String(r.docs)),
    latencyMs: Number(r.latency_ms),
    chatKind: r.chat_kind as QuestionRow['chatKind'],
    userHash: String(r.user_hash),
  };
  if (r.lang != null) row.lang = String(r.lang);
  return row;
}

function subscription(r: Row): Subscription {
  return { owner: String(r.owner), id: String(r.id), data: JSON.parse(String(r.data)), createdAt: Number(r.created_at) };
}
