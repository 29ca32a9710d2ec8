// One bench job, run in its own child process so that its memory is its own: build one system over a corpus
// (timed from the files on disk to the index on disk), then measure memory, a no-change refresh (ours), search
// and ask latency, hit@1/hit@5, and a cold start (a new process, from its start to the first answer).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_EXTRACTIVE, ExtractiveAnswerer, questionWeights, scoreSentences, selectSentences } from '../../answer/extractive.ts';
import { ask } from '../../app/ask.ts';
import { createEngine } from '../../app/engine.ts';
import { indexText, ingest } from '../../app/ingest.ts';
import type { Config } from '../../config.ts';
import { chunkDocument } from '../../corpus/chunk.ts';
import { loadCorpus } from '../../corpus/load.ts';
import { createEmbeddingProvider } from '../../index/embeddings/create.ts';
import { Bm25Index } from '../../index/lexical.ts';
import { loadSnapshot, snapshotsDir } from '../../index/snapshot.ts';
import { bruteForceSearch } from '../../index/vector.ts';
import { Tokenizer } from '../../text/tokenize.ts';
import { Fts5Index } from './fts5.ts';
import { buildLangchainPipeline, fitAndEmbed } from './langchain.ts';
import { diskBytes, type GoldenProbe, type Latency, passageHit, peakResident, residentAfterGc, timeCalls } from './measure.ts';
import type { Passage } from './systems.ts';

export const BENCH_SYSTEMS = ['wenzheng', 'fts5', 'bruteforce', 'langchain'] as const;
export type BenchSystem = (typeof BENCH_SYSTEMS)[number];
/** Copies of the corpus (r000/, r001/, …), or distinct text made from recombined sentences (synthetic.ts). */
export type CorpusKind = 'copies' | 'distinct';

const HERE = dirname(fileURLToPath(import.meta.url));
const PROJECT = resolve(HERE, '../../..');

export interface BenchJob {
  system: BenchSystem;
  scale: number;
  kind: CorpusKind;
  corpusDir: string;
  workDir: string;
  /** Questions timed for search and ask, in order (repeats allowed). */
  questions: string[];
  golden: GoldenProbe[];
}

export interface BenchFigures {
  system: BenchSystem;
  scale: number;
  kind: CorpusKind;
  docs: number;
  units: number;
  chars: number;
  ingestSeconds: number;
  charsPerSecond: number;
  diskBytes: number;
  rssBytes: number;
  /** The process's peak from its start to the end of the build (ours: and loading the index it serves from). */
  peakRssBytes: number;
  /** The process's peak from its start to the end of the timed search and ask (each loads what its questions need). */
  peakRssServedBytes: number;
  search: Latency;
  ask: Latency;
  hit1: number;
  hit5: number;
  /** A new process, from its start to the first answer over the index on disk (seconds). */
  coldStartSeconds: number;
  /** Ours: a refresh with nothing changed, in process (seconds); 0 for the baselines, which have none. */
  refreshSeconds: number;
}

/** A built system: its passages, its search, where it lives on disk, and its ask when it has none of its own. */
interface Built {
  units: Passage[];
  /** Ours: a no-change refresh of the index just built. */
  refresh?: () => Promise<unknown>;
  search(q: string, k: number): Promise<Passage[]>;
  disk: string;
  ask?: (q: string) => Promise<unknown>;
}

export async function runJob(job: BenchJob, config: Config): Promise<BenchFigures> {
  mkdirSync(job.workDir, { recursive: true });
  const t0 = performance.now();
  const { built, docs, chars } = await build(job, config);
  const ingestSeconds = (performance.now() - t0) / 1000;
  const rssBytes = await residentAfterGc();
  const peakRssBytes = peakResident();
  const tRefresh = performance.now();
  await built.refresh?.();
  const refreshSeconds = built.refresh ? (performance.now() - tRefresh) / 1000 : 0;
  const search = await timeCalls(job.questions, (q) => built.search(q, config.retrieve.topK));
  let hits = 0;
  let firsts = 0;
  for (const g of job.golden) {
    const top = await built.search(g.question, 5);
    if (passageHit(top, g.cite)) hits++;
    if (passageHit(top.slice(0, 1), g.cite)) firsts++;
  }
  // Baselines have no answerer: theirs is their search plus our extractive sentence selection over the top
  // passages (tokenizer and IDF built here, after memory was measured).
  const askFn = built.ask ?? extractiveOver(built);
  const askLatency = await timeCalls(job.questions, askFn);
  const peakRssServedBytes = peakResident();
  const coldStartSeconds = coldStart(job, job.questions[0] ?? '什么是三治融合', config.retrieve.topK);
  return {
    system: job.system,
    scale: job.scale,
    kind: job.kind,
    docs,
    units: built.units.length,
    chars,
    ingestSeconds,
    charsPerSecond: chars / ingestSeconds,
    diskBytes: diskBytes(built.disk),
    rssBytes,
    peakRssBytes,
    peakRssServedBytes,
    search,
    ask: askLatency,
    hit1: job.golden.length ? firsts / job.golden.length : 0,
    hit5: job.golden.length ? hits / job.golden.length : 0,
    coldStartSeconds,
    refreshSeconds,
  };
}

/**
 * Seconds from spawning a process to its exit after the first answer: ours through the CLI (`wenzheng ask`, the
 * path a restarted bot takes: load and verify the snapshot, then answer), a baseline through cold.ts.
 */
function coldStart(job: BenchJob, question: string, k: number): number {
  const args =
    job.system === 'wenzheng'
      ? [join(PROJECT, 'bin/wenzheng.mjs'), 'ask', '--index', job.workDir, question]
      : ['--import', 'tsx', join(HERE, 'cold.ts'), JSON.stringify({ system: job.system, workDir: job.workDir, question, k })];
  const t = performance.now();
  const child = spawnSync(process.execPath, args, { cwd: PROJECT, env: process.env, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  const seconds = (performance.now() - t) / 1000;
  if (child.status !== 0)
    throw new Error(`the cold start of ${job.system} failed (exit ${child.status}): ${(child.stderr ?? '').trim().split('\n').slice(-3).join(' ')}`);
  return seconds;
}

async function build(job: BenchJob, config: Config): Promise<{ built: Built; docs: number; chars: number }> {
  if (job.system === 'wenzheng') {
    const report = await ingest(config, { corpusDir: job.corpusDir, indexDir: job.workDir, mode: 'full' });
    // Serve from the snapshot on disk, as the bot does after an ingest.
    const provider = createEmbeddingProvider(config.embeddings);
    const engine = createEngine(loadSnapshot(job.workDir, provider.info), config, provider);
    const answerer = new ExtractiveAnswerer();
    const built: Built = {
      units: engine.chunks.map((c) => ({ docId: c.docId, text: c.text })),
      search: async (q, k) => (await engine.retriever.retrieve(engine.query(q), { topK: k })).hits.map((h) => ({ docId: h.chunk.docId, text: h.chunk.text })),
      disk: join(snapshotsDir(job.workDir), report.snapshot!),
      ask: (q) => ask(engine, answerer, q),
      refresh: async () => {
        const r = await ingest(config, { corpusDir: job.corpusDir, indexDir: job.workDir, mode: 'incremental' });
        if (!r.upToDate) throw new Error(`a refresh right after the build found changes: ${JSON.stringify(r.plan).slice(0, 200)}`);
      },
    };
    return { built, docs: report.docs, chars: report.chars };
  }
  const { docs } = await loadCorpus(job.corpusDir);
  const chars = docs.reduce((n, d) => n + d.text.length, 0);
  const provider = createEmbeddingProvider(config.embeddings);
  if (job.system === 'langchain') {
    const p = await buildLangchainPipeline(docs, provider, { ...config.chunk, batchSize: config.embeddings.batchSize });
    // Saved like LangChain's HNSWLib store: the graph, the raw vectors' docstore and the texts.
    p.index.save(join(job.workDir, 'hnswlib.index'));
    writeFileSync(join(job.workDir, 'docstore.json'), JSON.stringify(p.windows));
    saveEmbeddingState(provider, job.workDir);
    const units = p.windows.map((w) => ({ docId: w.docId, text: w.text }));
    const search = async (q: string, k: number) => p.index.search(await provider.embeddings.embedQuery(q), k).map((h) => units[h.id]);
    return { built: { units, search, disk: job.workDir }, docs: docs.length, chars };
  }
  // FTS5 and brute force index exactly our chunks, with the same title/section context.
  const titles = new Map(docs.map((d) => [d.id, d.title]));
  const chunks = docs.flatMap((d) => chunkDocument(d, config.chunk));
  const units = chunks.map((c) => ({ docId: c.docId, text: c.text }));
  const texts = chunks.map((c) => indexText(titles.get(c.docId)!, c));
  if (job.system === 'fts5') {
    const file = join(job.workDir, 'fts5.sqlite');
    const index = Fts5Index.build(texts, file);
    return { built: { units, search: async (q, k) => index.search(q, k).map((h) => units[h.id]), disk: file }, docs: docs.length, chars };
  }
  const vectors = await fitAndEmbed(provider, texts, config.embeddings.batchSize);
  writeFileSync(join(job.workDir, 'vectors.f32'), new Uint8Array(vectors.buffer));
  writeFileSync(join(job.workDir, 'chunks.jsonl'), chunks.map((c) => JSON.stringify(c)).join('\n'));
  saveEmbeddingState(provider, job.workDir);
  const dim = provider.info.dim;
  const search = async (q: string, k: number) => bruteForceSearch(vectors, dim, await provider.embeddings.embedQuery(q), k).map((h) => units[h.id]);
  return { built: { units, search, disk: job.workDir }, docs: docs.length, chars };
}

/** The fitted embedding (the hash provider's IDF table), which a baseline needs on disk to answer after a restart. */
function saveEmbeddingState(provider: ReturnType<typeof createEmbeddingProvider>, dir: string): void {
  const state = provider.saveState?.();
  if (state) writeFileSync(join(dir, 'embedding.bin'), state);
}

function extractiveOver(built: Built): (q: string) => Promise<unknown> {
  const tokenizer = new Tokenizer();
  const lexical = Bm25Index.build(built.units.map((u) => tokenizer.tokens(u.text)));
  return async (q) => {
    const hits = await built.search(q, DEFAULT_EXTRACTIVE.maxHits);
    const candidates = scoreSentences(
      { lexical, tokenizer },
      questionWeights({ lexical, tokenizer }, { tokens: tokenizer.tokens(q), expansionTokens: new Map() }),
      hits.map((h) => ({ chunk: { text: h.text } })),
    );
    return selectSentences(candidates, DEFAULT_EXTRACTIVE);
  };
}
