// The ingest use case: corpus -> chunks -> lexical + vector indexes -> a new live snapshot.
// `full` rebuilds everything (and refits a fitted embedding); `incremental` reuses the chunks and vectors of
// documents whose content hash is unchanged in the live snapshot, so only new or changed text is embedded.
import type { Config } from './config.ts';
import { EmbeddingError, SnapshotMismatchError, SnapshotMissingError } from './errors.ts';
import { chunkDocument } from './corpus/chunk.ts';
import { type FileEvent, type LoadedDoc, loadCorpus } from './corpus/load.ts';
import { Tokenizer, extractPolicyTerms } from './corpus/tokenize.ts';
import { createEmbeddingProvider, type EmbeddingProvider } from './index/embeddings/index.ts';
import { Bm25Index } from './index/lexical.ts';
import { acquireIndexLock } from './index/lock.ts';
import {
  type LoadedSnapshot,
  type Manifest,
  type ManifestDoc,
  SNAPSHOT_FORMAT,
  type SnapshotData,
  loadSnapshot,
  newSnapshotName,
  writeSnapshot,
} from './index/snapshot.ts';
import { VectorIndex } from './index/vector.ts';
import type { Chunk, DocInfo } from './types.ts';

export interface IngestOptions {
  corpusDir: string;
  indexDir: string;
  mode: 'full' | 'incremental';
  dryRun?: boolean;
  onFile?: (e: FileEvent) => void;
  /** Embedding progress: chunks embedded so far out of the total to embed. */
  onEmbed?: (done: number, total: number) => void;
  /** Wait this long for another writer's lock before refusing. */
  lockWaitMs?: number;
}

export interface RefreshPlan {
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: string[];
}

export interface IngestReport {
  plan: RefreshPlan;
  snapshot?: string;
  docs: number;
  chunks: number;
  chars: number;
  embedded: number;
  skipped: { path: string; reason: string }[];
  ms: { load: number; chunk: number; embed: number; index: number; write: number; total: number };
}

/** The text both legs index for a chunk: its document title and section give it context. */
export function indexText(title: string, chunk: Chunk): string {
  return [title, chunk.section ?? '', chunk.text].join('\n');
}

export function planRefresh(live: readonly DocInfo[], next: readonly { id: string; hash: string }[]): RefreshPlan {
  const before = new Map(live.map((d) => [d.id, d.hash]));
  const plan: RefreshPlan = { added: [], changed: [], removed: [], unchanged: [] };
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
  const lock = opts.dryRun ? undefined : await acquireIndexLock(opts.indexDir, opts.lockWaitMs ?? 0);
  try {
    return await build(config, opts);
  } finally {
    lock?.release();
  }
}

async function build(config: Config, opts: IngestOptions): Promise<IngestReport> {
  const t0 = performance.now();
  const provider = createEmbeddingProvider(config.embeddings);
  // A model's dimension must be known before the live snapshot is compared with the configuration.
  if (!opts.dryRun) await provider.init?.();
  const live = opts.mode === 'incremental' ? tryLoadLive(opts.indexDir, provider) : undefined;
  const reusable = live && sameChunking(live.manifest, config) ? live : undefined;

  const { docs, skipped } = await loadCorpus(opts.corpusDir, opts.onFile);
  const tLoad = performance.now();
  const plan = planRefresh(live?.manifest.docs ?? [], docs);
  const skippedInfo = skipped.map((s) => ({ path: s.file, reason: s.reason }));
  const chars = docs.reduce((n, d) => n + d.text.length, 0);
  if (opts.dryRun) {
    const ms = { load: tLoad - t0, chunk: 0, embed: 0, index: 0, write: 0, total: performance.now() - t0 };
    return { plan, docs: docs.length, chunks: 0, chars, embedded: 0, skipped: skippedInfo, ms };
  }

  const built = await buildIndex(docs, config, provider, { reusable, onEmbed: opts.onEmbed });
  const manifest: Manifest = {
    format: SNAPSHOT_FORMAT,
    app: 'wenzheng',
    name: newSnapshotName(),
    createdAt: new Date().toISOString(),
    corpusDir: opts.corpusDir,
    embedding: provider.info,
    chunking: { ...config.chunk },
    docs: built.docs,
    counts: { docs: docs.length, chunks: built.data.chunks.length, chars },
    skipped: skippedInfo,
  };
  const tBuilt = performance.now();
  const snapshot = writeSnapshot(opts.indexDir, { ...built.data, manifest }, { keep: config.keepSnapshots });
  const tWrite = performance.now();
  return {
    plan,
    snapshot,
    docs: docs.length,
    chunks: built.data.chunks.length,
    chars,
    embedded: built.embedded,
    skipped: skippedInfo,
    ms: { load: tLoad - t0, ...built.ms, write: tWrite - tBuilt, total: tWrite - t0 },
  };
}

export interface BuiltIndex {
  data: Omit<SnapshotData, 'manifest'>;
  docs: ManifestDoc[];
  embedded: number;
  ms: { chunk: number; embed: number; index: number };
}

/**
 * Documents -> chunks, tokens, vectors and both indexes, in memory. With `reusable` (the live snapshot), the
 * chunks and vectors of documents whose hash is unchanged are copied instead of recomputed.
 */
export async function buildIndex(
  docs: LoadedDoc[],
  config: Pick<Config, 'chunk' | 'embeddings'>,
  provider: EmbeddingProvider,
  opts: { reusable?: SnapshotData; onEmbed?: (done: number, total: number) => void } = {},
): Promise<BuiltIndex> {
  const t0 = performance.now();
  const { reusable } = opts;
  const liveDocs = new Map(reusable?.manifest.docs.map((d) => [d.id, d]) ?? []);
  const chunks: Chunk[] = [];
  const manifestDocs: ManifestDoc[] = [];
  const reuseFrom: number[] = []; // per chunk: row of the reused vector in the live snapshot, or -1
  for (const doc of docs) {
    const old = liveDocs.get(doc.id);
    const first = chunks.length;
    if (old && old.hash === doc.hash) {
      for (let i = 0; i < old.count; i++) {
        chunks.push(reusable!.chunks[old.first + i]);
        reuseFrom.push(old.first + i);
      }
    } else {
      for (const c of chunkDocument(doc, config.chunk)) {
        chunks.push(c);
        reuseFrom.push(-1);
      }
    }
    manifestDocs.push({ ...docInfo(doc), first, count: chunks.length - first, terms: extractPolicyTerms(doc.text) });
  }
  const tChunk = performance.now();

  const titles = new Map(docs.map((d) => [d.id, d.title]));
  const texts = chunks.map((c) => indexText(titles.get(c.docId)!, c));
  await provider.init?.();
  if (reusable) provider.restoreState?.(reusable.embeddingState);
  else provider.fit?.(texts);
  const dim = provider.info.dim;
  const vectors = new Float32Array(chunks.length * dim);
  const toEmbed: number[] = [];
  reuseFrom.forEach((row, i) => {
    if (row >= 0) vectors.set(reusable!.vectors.subarray(row * dim, (row + 1) * dim), i * dim);
    else toEmbed.push(i);
  });
  await embedRows(provider, texts, toEmbed, vectors, config.embeddings.batchSize, opts.onEmbed);
  const tEmbed = performance.now();

  const terms = [...new Set(manifestDocs.flatMap((d) => d.terms))].sort();
  const tokenizer = new Tokenizer(terms);
  const lexical = Bm25Index.build(texts.map((t) => tokenizer.tokens(t)));
  const vectorIndex = VectorIndex.build(vectors, dim);
  const tIndex = performance.now();
  return {
    data: { chunks, terms, lexical, vectors, vectorIndex, embeddingState: provider.saveState?.() },
    docs: manifestDocs,
    embedded: toEmbed.length,
    ms: { chunk: tChunk - t0, embed: tEmbed - tChunk, index: tIndex - tEmbed },
  };
}

function docInfo(d: LoadedDoc): DocInfo {
  const info: DocInfo = { id: d.id, path: d.path, title: d.title, hash: d.hash };
  if (d.date) info.date = d.date;
  if (d.url) info.url = d.url;
  return info;
}

function sameChunking(m: Manifest, config: Config): boolean {
  return m.chunking.size === config.chunk.size && m.chunking.overlap === config.chunk.overlap;
}

/** The live snapshot when it can be reused; a missing or incompatible one means a full build. */
function tryLoadLive(indexDir: string, provider: EmbeddingProvider): LoadedSnapshot | undefined {
  try {
    return loadSnapshot(indexDir, provider.info);
  } catch (err) {
    if (err instanceof SnapshotMissingError || err instanceof SnapshotMismatchError) return undefined;
    throw err;
  }
}

async function embedRows(
  provider: EmbeddingProvider,
  texts: string[],
  rows: number[],
  out: Float32Array,
  batchSize: number,
  onEmbed?: (done: number, total: number) => void,
): Promise<void> {
  const dim = provider.info.dim;
  onEmbed?.(0, rows.length);
  for (let i = 0; i < rows.length; i += batchSize) {
    const batch = rows.slice(i, i + batchSize);
    const vecs = await provider.embeddings.embedDocuments(batch.map((r) => texts[r]));
    vecs.forEach((v, j) => {
      if (v.length !== dim) throw new EmbeddingError(`the embedding provider returned ${v.length} dimensions, expected ${dim}`);
      out.set(v, batch[j] * dim);
    });
    onEmbed?.(Math.min(i + batchSize, rows.length), rows.length);
  }
}
