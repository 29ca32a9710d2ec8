// The numbers behind the report's charts, from question-log and feedback rows: counts per day by outcome,
// the documents cited most, the refusal rate and the latency distribution. Pure: rows in, plain data out.
import type { FeedbackRow, Outcome, QuestionRow } from '../../state/types.ts';
import type { DayCounts, GapQuestion, LatencySummary, ReportData } from './types.ts';

export const OUTCOMES: readonly Outcome[] = ['answered', 'refused', 'rate-limited', 'error'];
const DAY_MS = 86_400_000;

const zero = (): Record<Outcome, number> => ({ answered: 0, refused: 0, 'rate-limited': 0, error: 0 });
export const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** One entry per calendar day (UTC) from `sinceMs` to `untilMs`, days without questions included. */
export function perDay(rows: readonly QuestionRow[], sinceMs: number, untilMs: number): DayCounts[] {
  const days = new Map<string, DayCounts>();
  for (let t = Date.parse(dayOf(sinceMs)); t <= untilMs; t += DAY_MS) days.set(dayOf(t), { day: dayOf(t), counts: zero() });
  for (const r of rows) {
    const d = days.get(dayOf(r.at));
    if (d) d.counts[r.outcome]++;
  }
  return [...days.values()];
}

export function topDocs(rows: readonly QuestionRow[], titleOf: (doc: string) => string | undefined, limit = 10): ReportData['topDocs'] {
  const n = new Map<string, number>();
  for (const r of rows) for (const d of new Set(r.docs)) n.set(d, (n.get(d) ?? 0) + 1);
  return [...n.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([doc, count]) => ({ doc, title: titleOf(doc) ?? doc, n: count }));
}

const BUCKETS = [250, 500, 1000, 2000, 5000, 10_000, Number.POSITIVE_INFINITY];

/** Latency of answered and refused questions (a rate-limit reply or an error says nothing about the pipeline). */
export function latency(rows: readonly QuestionRow[]): LatencySummary {
  const ms = rows
    .filter((r) => r.outcome === 'answered' || r.outcome === 'refused')
    .map((r) => r.latencyMs)
    .sort((a, b) => a - b);
  const q = (p: number) => (ms.length ? ms[Math.min(ms.length - 1, Math.ceil(p * ms.length) - 1)] : 0);
  const buckets = BUCKETS.map((le) => ({ le, n: 0 }));
  for (const v of ms) buckets.find((b) => v <= b.le)!.n++;
  return { count: ms.length, p50: q(0.5), p90: q(0.9), p99: q(0.99), max: ms.at(-1) ?? 0, buckets };
}

export function totals(rows: readonly QuestionRow[], feedback: readonly FeedbackRow[]): ReportData['totals'] {
  const t = { ...zero(), questions: rows.length, users: new Set(rows.map((r) => r.userHash)).size, up: 0, down: 0 };
  for (const r of rows) t[r.outcome]++;
  for (const f of feedback) t[f.vote === 'up' ? 'up' : 'down']++;
  return t;
}

export function refusalRate(t: Record<Outcome, number>): number | undefined {
  const n = t.answered + t.refused;
  return n ? t.refused / n : undefined;
}

/**
 * The questions the documents failed: refused ones, and 👎 answers. A vote joined to its logged question takes
 * that asker's hash; a vote without one counts as its own asker. A refused question voted 👎 is counted once.
 */
export function gapQuestions(rows: readonly QuestionRow[], feedback: readonly FeedbackRow[]): GapQuestion[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out: GapQuestion[] = rows.filter((r) => r.outcome === 'refused').map((r) => ({ text: r.text, asker: r.userHash, at: r.at, why: 'refused' }));
  for (const f of feedback) {
    if (f.vote !== 'down') continue;
    const q = f.questionId ? byId.get(f.questionId) : undefined;
    if (q?.outcome === 'refused') continue;
    out.push({ text: f.question, asker: q?.userHash ?? `vote:${f.id}`, at: f.updatedAt, why: 'downvoted' });
  }
  return out;
}
