// Baseline: SQLite FTS5 with the trigram tokenizer, the full-text engine an operator already has.
// It gets the same chunks and the same matching form (script folded, pinyin stripped) as our lexical leg, so
// the comparison is about ranking, not about preprocessing. The trigram tokenizer cannot match a term shorter
// than three characters: a question with no run of three or more characters falls back to LIKE substring tests,
// ranked by how many of its terms a chunk contains.
import Database from 'better-sqlite3';
import { matchForm } from '../../text/normalize.ts';

export interface FtsHit {
  id: number;
  score: number;
}

/** The question in matching form cut at punctuation and spaces: the runs the trigram index can look for. */
export function queryRuns(question: string): string[] {
  return matchForm(question)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** An FTS5 MATCH expression: every distinct trigram of the runs of 3+ characters, OR-ed, each quoted. */
export function trigramQuery(runs: readonly string[]): string | undefined {
  const grams = new Set<string>();
  for (const r of runs) {
    const chars = [...r];
    for (let i = 0; i + 3 <= chars.length; i++) grams.add(chars.slice(i, i + 3).join(''));
  }
  if (!grams.size) return undefined;
  return [...grams].map((g) => `"${g.replace(/"/g, '""')}"`).join(' OR ');
}

export class Fts5Index {
  /** Questions answered by the LIKE fallback (no run of three characters), for the report. */
  likeFallbacks = 0;

  private constructor(private readonly db: Database.Database) {}

  /** Index `texts` (row i + 1 is text i) in a database file, or in memory without `file`. */
  static build(texts: readonly string[], file = ':memory:'): Fts5Index {
    const db = new Database(file);
    db.pragma('journal_mode = OFF');
    db.exec(`CREATE VIRTUAL TABLE chunks USING fts5(body, tokenize = 'trigram')`);
    const insert = db.prepare('INSERT INTO chunks(rowid, body) VALUES (?, ?)');
    db.transaction(() => {
      for (const [i, t] of texts.entries()) insert.run(i + 1, matchForm(t));
    })();
    return new Fts5Index(db);
  }

  /** An index built earlier into `file` (a restart: the bench's cold start). */
  static open(file: string): Fts5Index {
    return new Fts5Index(new Database(file, { readonly: true }));
  }

  /** The indexed text of chunk `id` (0-based). */
  body(id: number): string {
    return (this.db.prepare('SELECT body FROM chunks WHERE rowid = ?').get(id + 1) as { body: string }).body;
  }

  /** Best `k` chunk ids (0-based), best first. */
  search(question: string, k: number): FtsHit[] {
    const runs = queryRuns(question);
    const match = trigramQuery(runs);
    if (match) {
      const rows = this.db.prepare('SELECT rowid AS id, bm25(chunks) AS s FROM chunks WHERE chunks MATCH ? ORDER BY s LIMIT ?').all(match, k) as {
        id: number;
        s: number;
      }[];
      // bm25() is "lower is better"; negate so higher is better like the other systems.
      return rows.map((r) => ({ id: r.id - 1, score: -r.s }));
    }
    if (!runs.length) return [];
    this.likeFallbacks++;
    const score = runs.map(() => `(body LIKE ? ESCAPE '\\')`).join(' + ');
    const like = runs.map((r) => `%${r.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const rows = this.db.prepare(`SELECT rowid AS id, ${score} AS s FROM chunks WHERE s > 0 ORDER BY s DESC, rowid LIMIT ?`).all(...like, k) as {
      id: number;
      s: number;
    }[];
    return rows.map((r) => ({ id: r.id - 1, score: r.s }));
  }

  close(): void {
    this.db.close();
  }
}
