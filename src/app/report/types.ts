// Contracts of the knowledge-gap report: what it reads (question-log and feedback rows, already redacted when
// stored), what it computes (clusters, daily counts) and what it renders (one HTML page, one Markdown file).
import type { Outcome } from '../../state/types.ts';

/** One question the documents failed: refused by the bot, or answered and then voted 👎. */
export interface GapQuestion {
  text: string;
  /** Keyed hash of the asker (distinct users); a 👎 without a logged question counts as its own asker. */
  asker: string;
  at: number;
  why: 'refused' | 'downvoted';
}

/** A passage the live index holds that comes closest to a cluster's questions. */
export interface NearPassage {
  title: string;
  where: string;
  text: string;
  score: number;
}

export interface GapCluster {
  /** The terms the cluster's questions share, most common first (after normalization and expansion). */
  terms: string[];
  /** Distinct askers: the ranking key. */
  users: number;
  refused: number;
  downvoted: number;
  /** Up to five example questions, redacted, most recent first. */
  examples: string[];
  lastAt: number;
  near: NearPassage[];
}

export interface DayCounts {
  /** YYYY-MM-DD (UTC). */
  day: string;
  counts: Record<Outcome, number>;
}

export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** Histogram buckets: upper bound in ms (Infinity for the last) and how many answers fell in it. */
  buckets: { le: number; n: number }[];
}

/** A curated answer that is withdrawn because a passage it rests on changed or disappeared. */
export interface StaleCurated {
  file: string;
  question: string;
  reasons: string[];
}

export interface ReportData {
  generatedAt: string;
  sinceDay: string;
  days: number;
  snapshot: string;
  totals: Record<Outcome, number> & { questions: number; users: number; up: number; down: number };
  /** refused / (answered + refused); undefined without any such question. */
  refusalRate?: number;
  perDay: DayCounts[];
  topDocs: { doc: string; title: string; n: number }[];
  latency: LatencySummary;
  clusters: GapCluster[];
  stale: StaleCurated[];
  /** Rows deleted by retention when this report ran. */
  purged: number;
  retentionDays: number;
}
