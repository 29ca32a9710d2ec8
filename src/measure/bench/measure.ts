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

/**
 * Milliseconds per call of `fn` over `questions`, median and p95, after one untimed call per distinct question (or
 * the first `warmup` questions). Every system is warmed the same way, over every question: what a system loads or
 * compiles on the first question that needs it (ours: the English bridge, the folded text a title is looked up in,
 * ~400 ms at 100x; any system's JIT) is a one-time cost of a long-running process, not its latency. With only the
 * first five questions warmed, those one-time costs fell inside the timed loop (1x search p95 4.7 ms for a p50 of 0.4).
 */
export async function timeCalls(questions: readonly string[], fn: (q: string) => Promise<unknown>, warmup?: number): Promise<Latency> {
  for (const q of warmup === undefined ? new Set(questions) : questions.slice(0, warmup)) await fn(q);
  // The garbage of what ran before (our no-change refresh, the build, the warm-up) is collected before the clock
  // starts, for every system: it was ours alone that refreshed right before its search was timed, and collecting
  // the refresh's garbage fell inside the timed questions (1x search p95 7.7 ms for a p50 of 0.34).
  await collectGarbage();
  const times: number[] = [];
  for (const q of questions) {
    const t = performance.now();
    await fn(q);
    times.push(performance.now() - t);
  }
  return percentiles(times);
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
