// What one bench child measures, whatever the system: timings of a function over questions, memory after a
// garbage collection, bytes on disk, and passage-level hit@5 on the golden questions.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { matchForm } from '../../text/normalize.ts';
import { percentiles } from '../eval/metrics.ts';
import type { Passage } from './systems.ts';

export interface Latency {
  p50: number;
  p95: number;
}

// Warm-up passes over the distinct questions before timing, and the time after which no new pass starts (a slow
// system, such as the brute-force scan at 100x, stops after its first pass).
const WARMUP_PASSES = 5;
const WARMUP_BUDGET_MS = 2000;

/**
 * Milliseconds per call of `fn` over `questions`, median and p95 over the distinct questions (each at the median of
 * its timings when `questions` repeats it), after untimed passes over the distinct questions
 * (or the first `warmup` questions). Every system is warmed the same way. What a system loads on the first
 * question that needs it (ours: the English bridge, the folded text a title is looked up in, ~400 ms at 100x) is
 * a one-time cost of a long-running process, not its latency; and V8 needs a few hundred calls of a function
 * before its optimized code is in place, compiling on threads that compete with the timed questions on 2 cores.
 * With only the first five questions warmed, both fell inside the timed loop (1x search p95 4.7 ms for a p50 of 0.4).
 */
export async function timeCalls(questions: readonly string[], fn: (q: string) => Promise<unknown>, warmup?: number): Promise<Latency> {
  if (warmup !== undefined) for (const q of questions.slice(0, warmup)) await fn(q);
  else {
    const distinct = [...new Set(questions)];
    const start = performance.now();
    for (let pass = 0; pass < WARMUP_PASSES && (pass === 0 || performance.now() - start < WARMUP_BUDGET_MS); pass++) for (const q of distinct) await fn(q);
  }
  // The garbage of what ran before (our no-change refresh, the build, the warm-up) is collected before the clock
  // starts, for every system: it was ours alone that refreshed right before its search was timed, and collecting
  // the refresh's garbage fell inside the timed questions (1x search p95 7.7 ms for a p50 of 0.34).
  await collectGarbage();
  const byQuestion = new Map<string, number[]>();
  for (const q of questions) {
    const t = performance.now();
    await fn(q);
    const ms = performance.now() - t;
    const list = byQuestion.get(q);
    if (list) list.push(ms);
    else byQuestion.set(q, [ms]);
  }
  // A question timed in several passes counts once, at its median: on a shared 2-core machine a single timing can
  // stall for milliseconds on another process or a compiler thread, for every system alike (seen for ours and for
  // FTS5), and the percentiles should describe the questions, not the stalls. Timed once, a question is its timing.
  return percentiles([...byQuestion.values()].map(median));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Resident set size after a full garbage collection (the child runs with --expose-gc), in bytes. Native memory held
 * by collected objects (an HNSW graph, a jieba dictionary, a SQLite handle) is freed by finalizers that run on a
 * later turn of the event loop: read right after gc() it still counted (~90 MB of our 100x build's graph).
 */
export async function residentAfterGc(): Promise<number> {
  await collectGarbage();
  return process.memoryUsage().rss;
}

/** Full garbage collections (the child runs with --expose-gc), with turns of the event loop for finalizers. */
async function collectGarbage(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < 2; i++) {
    gc?.();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The peak resident set size of this process so far, in bytes. */
export function peakResident(): number {
  return process.resourceUsage().maxRSS * 1024;
}

/** Total size of the files under `path` (a file or a folder). */
export function diskBytes(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.size;
  return readdirSync(path).reduce((n, name) => n + diskBytes(join(path, name)), 0);
}

export interface GoldenProbe {
  question: string;
  /** Any of these (document path, passage substring) in the top 5 is a hit. */
  cite: { doc: string; text: string }[];
}

/**
 * Passage-level hit@5: a retrieved passage hits when it belongs to the cited document (or a replica of it,
 * whose id ends with the document's path) and contains the cited substring. Works for any chunking, since the
 * cited substrings are shorter than every system's overlap.
 */
export function passageHit(passages: readonly Passage[], cite: GoldenProbe['cite']): boolean {
  return passages.slice(0, 5).some((p) => {
    const text = matchForm(p.text);
    return cite.some((c) => (p.docId === c.doc || p.docId.endsWith(`/${c.doc}`)) && text.includes(matchForm(c.text)));
  });
}
