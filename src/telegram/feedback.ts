// Feedback votes for operators, in a small SQLite database under DATA_DIR: the question, the documents and
// paragraphs the answer cited, and the vote. No Telegram user id is stored, in clear or hashed; a user's
// change of mind updates their row, which the bot finds through its in-memory answer cache.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Citation } from '../types.ts';
import type { Vote } from './keyboards.ts';

export const FEEDBACK_FILE = 'feedback.sqlite';

export interface FeedbackInput {
  question: string;
  found: boolean;
  source: string;
  citations: Pick<Citation, 'n' | 'doc' | 'title' | 'paragraph'>[];
  vote: Vote;
}

export interface FeedbackRow extends FeedbackInput {
  id: number;
  createdAt: string;
  updatedAt: string;
}

export class FeedbackStore {
  private constructor(private readonly db: Database.Database) {
    db.pragma('journal_mode = WAL');
    db.exec(`CREATE TABLE IF NOT EXISTS feedback (
      id INTEGER PRIMARY KEY,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      question TEXT NOT NULL,
      found INTEGER NOT NULL,
      source TEXT NOT NULL,
      citations TEXT NOT NULL,
      vote TEXT NOT NULL CHECK (vote IN ('up', 'down'))
    )`);
  }

  /** Opens (creating if needed) `<dataDir>/feedback.sqlite`. */
  static open(dataDir: string): FeedbackStore {
    mkdirSync(dataDir, { recursive: true });
    return new FeedbackStore(new Database(join(dataDir, FEEDBACK_FILE)));
  }

  /** Stores a vote; returns its row id. */
  add(f: FeedbackInput): number {
    const now = new Date().toISOString();
    const citations = JSON.stringify(f.citations.map((c) => ({ n: c.n, doc: c.doc, title: c.title, paragraph: c.paragraph })));
    const r = this.db
      .prepare('INSERT INTO feedback (created_at, updated_at, question, found, source, citations, vote) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(now, now, f.question, f.found ? 1 : 0, f.source, citations, f.vote);
    return Number(r.lastInsertRowid);
  }

  /** Changes an earlier vote (the same user voting again on the same answer). */
  change(id: number, vote: Vote): void {
    this.db.prepare('UPDATE feedback SET vote = ?, updated_at = ? WHERE id = ?').run(vote, new Date().toISOString(), id);
  }

  counts(): { up: number; down: number } {
    const rows = this.db.prepare('SELECT vote, COUNT(*) AS n FROM feedback GROUP BY vote').all() as { vote: Vote; n: number }[];
    return { up: rows.find((r) => r.vote === 'up')?.n ?? 0, down: rows.find((r) => r.vote === 'down')?.n ?? 0 };
  }

  all(): FeedbackRow[] {
    const rows = this.db.prepare('SELECT * FROM feedback ORDER BY id').all() as Record<string, unknown>[];
    return rows.map((r) => ({
      id: Number(r.id),
      createdAt: String(r.created_at),
      updatedAt: String(r.updated_at),
      question: String(r.question),
      found: r.found === 1,
      source: String(r.source),
      citations: JSON.parse(String(r.citations)),
      vote: r.vote as Vote,
    }));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
