// The report use case: enforce retention, read the question log and the feedback of the last days, redact
// every text once more (defence in depth: the bot redacts before it stores, a report must not depend on
// that), cluster the gaps and look up, for each cluster, the closest passages the live index holds.
import { sourceLabel } from '../../answer/messages.ts';
import { redact } from '../../guard/pii.ts';
import type { StateStore } from '../../state/types.ts';
import type { Lexicon } from '../../text/lexicon.ts';
import type { App } from '../app.ts';
import { clusterQuestions } from './cluster.ts';
import { dayOf, gapQuestions, latency, perDay, refusalRate, topDocs, totals } from './stats.ts';
import type { NearPassage, ReportData, StaleCurated } from './types.ts';

export const DAY_MS = 86_400_000;

/** Personal data out of a text for display: the redactor reads half-width text, so it sees the NFKC form. */
export function redactForDisplay(text: string): string {
  const folded = text.normalize('NFKC');
  const r = redact(folded);
  return r.found.length ? r.text : text;
}

/** Retention: deletes question-log and feedback rows older than `days`; returns how many went. */
export function enforceRetention(store: Pick<StateStore, 'purge'>, days: number): Promise<number> {
  return store.purge(days * DAY_MS);
}

/**
 * Retention in a running bot: purge now, then once a day (an unref'd timer: it never keeps the process alive).
 * A failed purge is reported to `onError` and tried again the next day.
 */
export function startRetention(
  store: Pick<StateStore, 'purge'>,
  days: number,
  opts: { everyMs?: number; onPurged?: (n: number) => void; onError?: (err: unknown) => void } = {},
): { stop(): void } {
  const run = () => {
    enforceRetention(store, days).then(
      (n) => opts.onPurged?.(n),
      (err) => opts.onError?.(err),
    );
  };
  run();
  const timer = setInterval(run, opts.everyMs ?? DAY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

export interface ReportSources {
  store: Pick<StateStore, 'questions' | 'feedback' | 'purge'>;
  app: Pick<App, 'search' | 'engine'>;
  lexicon?: Lexicon;
  /** Curated answers withdrawn against the live snapshot. */
  stale?: StaleCurated[];
}

export interface ReportOptions {
  days: number;
  retentionDays: number;
  now?: number;
  /** Passages shown per cluster (default 3). */
  near?: number;
}

export async function buildReport(src: ReportSources, opts: ReportOptions): Promise<ReportData> {
  const now = opts.now ?? Date.now();
  const purged = await enforceRetention(src.store, opts.retentionDays);
  const since = Date.parse(dayOf(now - (opts.days - 1) * DAY_MS));
  const rows = (await src.store.questions.since(since)).map((r) => ({ ...r, text: redactForDisplay(r.text) }));
  const feedback = (await src.store.feedback.list(since)).map((f) => ({ ...f, question: redactForDisplay(f.question) }));
  const engine = src.app.engine;
  // A concept's weight is its IDF in the live index, scaled to 0..1 (a word the corpus lacks weighs 1): two
  // questions sharing only "申请" are not one topic; sharing "新型农村合作医疗" or "养狗" they are.
  const maxIdf = engine.lexical.idf('\u0000');
  const weight = (t: string) => engine.lexical.idf(t) / maxIdf;
  const bare = clusterQuestions(gapQuestions(rows, feedback), { tokenizer: engine.tokenizer, lexicon: src.lexicon, weight });
  const clusters = [];
  for (const c of bare) clusters.push({ ...c, near: await nearPassages(src.app, c.examples[0], opts.near ?? 3) });
  const t = totals(rows, feedback);
  return {
    generatedAt: new Date(now).toISOString(),
    sinceDay: dayOf(since),
    days: opts.days,
    snapshot: engine.manifest.name,
    totals: t,
    refusalRate: refusalRate(t),
    perDay: perDay(rows, since, now),
    topDocs: topDocs(rows, (id) => engine.docs.get(id)?.title ?? engine.manifest.docs.find((d) => d.path === id)?.title),
    latency: latency(rows),
    clusters,
    stale: (src.stale ?? []).map((s) => ({ ...s, question: redactForDisplay(s.question) })),
    purged,
    retentionDays: opts.retentionDays,
  };
}

const ZH = { lang: 'zh', script: 'simplified' } as const;

async function nearPassages(app: Pick<App, 'search'>, question: string | undefined, k: number): Promise<NearPassage[]> {
  if (!question) return [];
  const r = await app.search(question, k);
  return r.hits
    .slice(0, k)
    .map((h) => ({ title: h.doc.title, where: sourceLabel(ZH, { ...h.chunk, title: '' }).replace('《》', ''), text: clip(h.chunk.text, 160), score: h.score }));
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
