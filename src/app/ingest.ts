// The ingest/refresh use case: corpus -> chunks -> lexical + vector indexes -> a new live snapshot.
// `full` rebuilds everything (and refits a fitted embedding); `incremental` (refresh) compares content hashes
// with the live snapshot: unchanged documents keep their chunks and vectors, changed and new ones are embedded,
// deleted ones disappear, a file that became unreadable keeps its indexed version, and when nothing changed
// no snapshot is written at all. A refresh does not even read a file whose size and modification time are those
// the live manifest recorded when it was read (see `statReuse`). Either way the new snapshot goes live only by an atomic switch.
import { rmSync } from 'node:fs';
import type { Config } from '../config.ts';
import { chunkDocument } from '../corpus/chunk.ts';
import { docChars, type FileEvent, type FileStamp, hashDoc, type LoadedDoc, loadCorpus } from '../corpus/load.ts';
import { LOADERS_VERSION } from '../corpus/loaders/index.ts';
import { SnapshotMismatchError, SnapshotMissingError } from '../errors.ts';
import { blankPlanted, PLANTED_RULES } from '../guard/planted.ts';
import { type BuildProgress, type BuiltForSnapshot, buildForSnapshot } from '../index/build.ts';
import { createEmbeddingProvider } from '../index/embeddings/create.ts';
import type { EmbeddingProvider } from '../index/embeddings/types.ts';
import { acquireIndexLock } from '../index/lock.ts';
import {
  loadReusable,
  type Manifest,
  type ManifestDoc,
  newManifest,
  newSnapshotName,
  openSnapshotDir,
  pruneSnapshots,
  type ReusableSnapshot,
  writeSnapshot,
} from '../index/snapshot.ts';
import { lexiconFor } from '../text/lexicon.ts';
import { matchForm } from '../text/normalize.ts';
import { shippedSituations } from '../text/situations.ts';
import { prepareTokenizer } from '../text/tokenize.ts';
import type { DocInfo } from '../types.ts';
import { withNurseryHeld } from './nursery.ts';
import { checkShrink, liveDocCount } from './shrink.ts';

// Kept for callers that imported the build step from here before it moved to src/index/build.ts.
export { type BuiltIndex, buildIndex, indexText } from '../index/build.ts';

export type IngestProgress = BuildProgress | { stage: 'load'; done: number; total: number } | { stage: 'write'; done: number; total: number };

export interface IngestOptions {
  corpusDir: string;
  indexDir: string;
  mode: 'full' | 'incremental';
  dryRun?: boolean;
  onFile?: (e: FileEvent) => void;
  /** Embedding progress: chunks embedded so far out of the total to embed. */
  onEmbed?: (done: number, total: number) => void;
  /** Every long stage (load, embed, tokenize, graph, write), for a progress bar. */
  onProgress?: (p: IngestProgress) => void;
  /** Wait this long for another writer's lock before refusing. */
  lockWaitMs?: number;
  /** Called once when another writer holds the lock and this one starts waiting. */
  onLockWait?: (pid: number) => void;
  /** Publish even when the corpus lost all its documents or more than `maxShrink` of them (`--allow-shrink`). */
  allowShrink?: boolean;
  /**
   * Read every file, even one whose size and modification time are those the live snapshot recorded (`refresh
   * --reread`): for an edit that kept both, which only a tool resetting the time (or a same-size edit within the
   * file system's clock tick of the read, see corpus/load.ts stampOf) can make.
   */
  reread?: boolean;
  /** The plan, as soon as it is known (before any embedding). */
  onPlan?: (p: Pick<IngestReport, 'plan' | 'skipped' | 'ignored' | 'planted' | 'fullReason'>) => void;
}

export interface RefreshPlan {
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: string[];
  /** Documents of files that cannot be read now: their previously indexed version stays. */
  kept: string[];
}

export interface IngestReport {
  plan: RefreshPlan;
  /** The live snapshot after the run (unchanged when `upToDate`; undefined after a dry run). */
  snapshot?: string;
  /** Nothing changed since the live snapshot: it stays live and no new one was written. */
  upToDate: boolean;
  /** Why a refresh re-embedded everything although a live snapshot exists (other chunking, provider...). */
  fullReason?: string;
  docs: number;
  chunks: number;
  chars: number;
  /** Chunks embedded (after a dry run: chunks that would be). */
  embedded: number;
  skipped: { path: string; reason: string; part?: string }[];
  ignored: string[];
  /** Files not read: their size and modification time were those of the live snapshot's version. */
  unread: number;
  /** Sentences addressed to an assistant ("忽略之前的所有指令…"): blanked out, never indexed, quoted or sent to a model. */
  planted: PlantedSentence[];
  ms: { load: number; chunk: number; embed: number; index: number; write: number; total: number };
}

export interface PlantedSentence {
  doc: string;
  /** The flagged sentence, cut to 80 characters for the report. */
  sentence: string;
  /** The phrase that flagged it. */
  cue: string;
}

/**
 * Blank out the planted sentences of each document (same length, so offsets hold) and rehash what changed: a
 * document is indexed as the text that may be quoted, and a change of the rules re-chunks it at the next refresh.
 * `clean`: content hashes already checked by the same rules and found clean (the live snapshot's, when its
 * manifest has the current PLANTED_RULES): those documents are not folded again. Folding the whole corpus was
 * three quarters of a no-change refresh (0.57 of 0.73 s at 100x).
 */
export function withoutPlanted(docs: LoadedDoc[], clean?: ReadonlySet<string>): { docs: LoadedDoc[]; planted: PlantedSentence[] } {
  const planted: PlantedSentence[] = [];
  // A copy of a document (the same content hash under another path) is checked once: its text is the same.
  const checked = new Map<string, ReturnType<typeof blankPlanted>>();
  const out = docs.map((d) => {
    if (clean?.has(d.hash)) return d;
    let result = checked.get(d.hash);
    if (!result) checked.set(d.hash, (result = blankPlanted(d.text, matchForm)));
    const { text, spans } = result;
    if (!spans.length) return d;
    for (const s of spans) planted.push({ doc: d.id, sentence: cut(d.text.slice(s.start, s.end), 80), cue: s.cue });
    // No file stamp: a file with planted sentences is read at every refresh, so every refresh reports them.
    const { source: _, ...blanked } = { ...d, text };
    return { ...blanked, hash: hashDoc(blanked) };
  });
  return { docs: out, planted };
}

function cut(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

export function planRefresh(live: readonly DocInfo[], next: readonly { id: string; hash: string }[]): RefreshPlan {
  const before = new Map(live.map((d) => [d.id, d.hash]));
  const plan: RefreshPlan = { added: [], changed: [], removed: [], unchanged: [], kept: [] };
  const seen = new Set<string>();
  for (const d of next) {
    seen.add(d.id);
    const h = before.get(d.id);
    if (h === undefined) plan.added.push(d.id);
    else if (h !== d.hash) plan.changed.push(d.id);
    else plan.unchanged.push(d.id);
  }
  for (const d of live) if (!seen.has(d.id)) plan.removed.push(d.id);
  return plan;
}

export async function ingest(config: Config, opts: IngestOptions): Promise<IngestReport> {
  const lock = opts.dryRun ? undefined : await acquireIndexLock(opts.indexDir, opts.lockWaitMs ?? 0, opts.onLockWait);
  try {
    // A dry run reads and plans, it builds nothing: the nursery is left to V8.
    const run = () => build(config, opts, () => lock?.assertHeld());
    return opts.dryRun ? await run() : await withNurseryHeld(run);
  } finally {
    lock?.release();
  }
}

async function build(config: Config, opts: IngestOptions, assertLock: () => void): Promise<IngestReport> {
  const t0 = performance.now();
  const provider = createEmbeddingProvider(config.embeddings);
  // A model's dimension must be known before the live snapshot is compared with the configuration.
  if (!opts.dryRun) await provider.init?.();
  // A full build will tokenize: jieba's dictionary is loaded first, while the process holds the least (its loading
  // transient then is not added to the corpus and the vectors). A refresh may find nothing to do, so it waits.
  if (opts.mode === 'full' && !opts.dryRun) prepareTokenizer();
  const live = opts.mode === 'incremental' ? reusableLive(opts.indexDir, provider, config) : {};
  const reusable = live.snapshot;

  const reuse = opts.reread ? undefined : statReuse(live);
  const loaded = await loadCorpus(opts.corpusDir, {
    onFile: (e) => {
      opts.onFile?.(e);
      opts.onProgress?.({ stage: 'load', done: e.index + 1, total: e.total });
    },
    unchanged: reuse?.unchanged,
  });
  const { skipped, ignored } = loaded;
  // A document whose raw hash the live snapshot lists had no planted sentence when these rules checked it (one
  // that had is listed under the hash of its blanked text).
  const checked = live.manifest?.plantedRules === PLANTED_RULES ? new Set(live.manifest.docs.map((d) => d.hash)) : undefined;
  const cleaned = withoutPlanted(loaded.docs, checked);
  const { planted } = cleaned;
  // Files not read are their live entries again (in corpus order, as a full build lists them), with the lines
  // skipped in them then.
  const unread = reuse?.entries(loaded.unread) ?? { docs: [], skipped: [] };
  const docs = unread.docs.length ? [...cleaned.docs, ...unread.docs].sort(byPath) : cleaned.docs;
  const tLoad = performance.now();
  const skippedInfo = [
    ...skipped.map((s) => (s.part ? { path: s.file, reason: s.reason, part: s.part } : { path: s.file, reason: s.reason })),
    ...unread.skipped,
  ];
  const unreadable = new Set(skipped.filter((s) => !s.part).map((s) => s.file));
  const keep = reusable?.manifest.docs.filter((d) => unreadable.has(d.path)) ?? [];
  const plan = planRefresh(live.manifest?.docs ?? [], [...docs, ...keep]);
  plan.kept = keep.map((d) => d.id);
  plan.unchanged = plan.unchanged.filter((id) => !plan.kept.includes(id));
  const chars = docs.reduce((n, d) => n + docChars(d), 0);
  const report = {
    plan,
    upToDate: false,
    docs: docs.length + keep.length,
    chars,
    skipped: skippedInfo,
    ignored,
    unread: loaded.unread.length,
    planted,
    fullReason: live.fullReason,
  };
  opts.onPlan?.(report);
  if (!opts.allowShrink) {
    checkShrink(live.manifest?.docs.length ?? liveDocCount(opts.indexDir), report.docs, {
      corpusDir: opts.corpusDir,
      skipped: skippedInfo,
      maxShrink: config.maxShrink,
    });
  }
  const ms = (rest: Partial<IngestReport['ms']> = {}) => ({ load: tLoad - t0, chunk: 0, embed: 0, index: 0, write: 0, total: performance.now() - t0, ...rest });

  // A live snapshot from before file stamps (or of other loaders or planted rules) is written again once, all of it
  // reused, so that later refreshes can skip unchanged files instead of reading every file every time.
  const restamp = reusable !== undefined && (reusable.manifest.loaders !== LOADERS_VERSION || reusable.manifest.plantedRules !== PLANTED_RULES);
  if (reusable && !restamp && isUpToDate(plan, reusable.manifest, skippedInfo)) {
    if (!opts.dryRun) pruneSnapshots(opts.indexDir, config.keepSnapshots); // leftovers of killed runs go anyway
    return { ...report, snapshot: reusable.manifest.name, upToDate: true, chunks: reusable.manifest.counts.chunks, embedded: 0, ms: ms() };
  }
  if (opts.dryRun) {
    return { ...report, chunks: 0, embedded: chunksToEmbed(docs, reusable, config), ms: ms() };
  }

  // The snapshot's directory first: the build writes the flat index into it as it goes.
  const name = newSnapshotName();
  const opened = openSnapshotDir(opts.indexDir, name);
  let built: BuiltForSnapshot;
  try {
    built = await buildForSnapshot(docs, config, provider, { reusable, keep, onEmbed: opts.onEmbed, onProgress: opts.onProgress, flatFile: opened.flatFile });
  } catch (err) {
    rmSync(opened.dir, { recursive: true, force: true });
    throw err;
  }
  const manifest = newManifest({
    name,
    corpusDir: opts.corpusDir,
    embedding: provider.info,
    chunking: { ...config.chunk, situations: shippedSituations().fingerprint, terms: lexiconFor(config.lexicon ?? {}).termsFingerprint() },
    docs: built.docs,
    chunks: built.data.chunks.length,
    chars,
    skipped: skippedInfo,
    plantedRules: PLANTED_RULES,
    loaders: LOADERS_VERSION,
  });

  const tBuilt = performance.now();
  const steps = ['files', 'vectors', 'rename', 'pointer'];
  const snapshot = writeSnapshot(
    opts.indexDir,
    { ...built.data, manifest },
    {
      keep: config.keepSnapshots,
      opened: true,
      beforeStep: (step) => {
        opts.onProgress?.({ stage: 'write', done: steps.indexOf(step), total: steps.length });
        if (step === 'pointer') assertLock(); // never switch CURRENT unless this writer still owns the index
      },
    },
  );
  opts.onProgress?.({ stage: 'write', done: steps.length, total: steps.length }); // live; lock not yet released
  const tWrite = performance.now();
  return {
    ...report,
    snapshot,
    chunks: built.data.chunks.length,
    embedded: built.embedded,
    ms: ms({ ...built.ms, write: tWrite - tBuilt, total: tWrite - t0 }),
  };
}

/** No document added, changed or removed, and the same files skipped: the live snapshot is the answer. */
function isUpToDate(plan: RefreshPlan, live: Manifest, skipped: IngestReport['skipped']): boolean {
  if (plan.added.length || plan.changed.length || plan.removed.length) return false;
  const key = (s: { path: string; part?: string; reason: string }) => `${s.path}\0${s.part ?? ''}\0${s.reason}`;
  const before = new Set((live.skipped ?? []).map(key));
  return skipped.length === before.size && skipped.every((s) => before.has(key(s)));
}

/** For a dry run: how many chunks the new and changed documents would make. */
function chunksToEmbed(docs: LoadedDoc[], reusable: ReusableSnapshot | undefined, config: Config): number {
  const known = new Set(reusable?.manifest.docs.map((d) => d.hash) ?? []);
  return docs.filter((d) => !known.has(d.hash)).reduce((n, d) => n + chunkDocument(d, config.chunk).length, 0);
}

function byPath(a: { path: string }, b: { path: string }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0; // listCorpus's order (code units), stable within a file
}

type SkippedPart = IngestReport['skipped'][number];

/**
 * Skipping unchanged files by their stamp: a file whose size and modification time are those its live entries
 * recorded is not read; those entries (id, hash, title, metadata, terms, chunks) stand for it. Only when the live
 * snapshot is reused as it is, its documents were checked by the current planted-instruction rules and read by the
 * current loaders: otherwise every file is read (and the next snapshot records the stamps).
 */
function statReuse(
  live: LiveForRefresh,
): { unchanged: (path: string, stamp: FileStamp) => boolean; entries: (paths: string[]) => { docs: LoadedDoc[]; skipped: SkippedPart[] } } | undefined {
  const m = live.snapshot?.manifest;
  if (!m || m.plantedRules !== PLANTED_RULES || m.loaders !== LOADERS_VERSION) return undefined;
  const byFile = new Map<string, ManifestDoc[]>();
  for (const d of m.docs) byFile.set(d.path, [...(byFile.get(d.path) ?? []), d]);
  const unchanged = (path: string, stamp: FileStamp) => {
    const entries = byFile.get(path);
    return !!entries?.every((d) => d.source && d.chars !== undefined && d.source.size === stamp.size && d.source.mtimeMs === stamp.mtimeMs);
  };
  const entries = (paths: string[]) => {
    const set = new Set(paths);
    const docs = paths.flatMap((p) => byFile.get(p)!.map(unreadDoc));
    const skipped = m.skipped.filter((s) => s.part !== undefined && set.has(s.path));
    return { docs, skipped };
  };
  return { unchanged, entries };
}

/** A live entry standing for its unread file: no text (its chunks, terms and vectors are reused by hash). */
function unreadDoc(d: ManifestDoc): LoadedDoc {
  const doc: LoadedDoc & { meta?: ManifestDoc['meta'] } = { id: d.id, path: d.path, title: d.title, hash: d.hash, text: '', chars: d.chars, source: d.source };
  if (d.date) doc.date = d.date;
  if (d.url) doc.url = d.url;
  if (d.meta) doc.meta = d.meta;
  return doc;
}

interface LiveForRefresh {
  /** The live manifest, for the plan (even when its chunks cannot be reused). */
  manifest?: Manifest;
  snapshot?: ReusableSnapshot;
  fullReason?: string;
}

/** The live snapshot when it can be reused; a missing or incompatible one means everything is embedded. */
function reusableLive(indexDir: string, provider: EmbeddingProvider, config: Config): LiveForRefresh {
  let snap: ReusableSnapshot;
  try {
    snap = loadReusable(indexDir, provider.info);
  } catch (err) {
    if (err instanceof SnapshotMissingError) return {};
    if (err instanceof SnapshotMismatchError) return { fullReason: err.message };
    throw err;
  }
  const c = snap.manifest.chunking;
  if (c.size !== config.chunk.size || c.overlap !== config.chunk.overlap) {
    const fullReason = `the live snapshot was chunked with CHUNK_SIZE=${c.size}, CHUNK_OVERLAP=${c.overlap}; now ${config.chunk.size}, ${config.chunk.overlap}`;
    return { manifest: snap.manifest, fullReason };
  }
  // Reused vectors and postings hold the situation words they were built with: other words mean a full build.
  if ((c.situations ?? '') !== shippedSituations().fingerprint) {
    return { manifest: snap.manifest, fullReason: 'lexicon/situations.tsv changed since the live snapshot was built' };
  }
  // Reused postings were cut by jieba with the terms of their build: other terms mean a full build.
  if ((c.terms ?? '') !== lexiconFor(config.lexicon ?? {}).termsFingerprint()) {
    return { manifest: snap.manifest, fullReason: "the lexicon's terms for jieba changed since the live snapshot was built" };
  }
  return { manifest: snap.manifest, snapshot: snap };
}
