// Every retrieval system we measure behind one small contract: ours (hybrid, and each leg alone) and the three
// baselines (SQLite FTS5 trigram, exact brute-force vector search over our vectors, a LangChain-style pipeline).

import { createEngine, type Engine } from '../../app/engine.ts';
import { type BuiltIndex, buildIndex, indexText } from '../../app/ingest.ts';
import type { Config } from '../../config.ts';
import type { LoadedDoc } from '../../corpus/load.ts';
import type { BuildOptions } from '../../index/build.ts';
import { createEmbeddingProvider } from '../../index/embeddings/create.ts';
import type { EmbeddingProvider } from '../../index/embeddings/types.ts';
import { newManifest, type SnapshotData } from '../../index/snapshot.ts';
import { bruteForceSearch } from '../../index/vector.ts';
import { HybridRetriever } from '../../retrieve/hybrid.ts';
import { Fts5Index } from './fts5.ts';
import { buildLangchainPipeline, type LangchainPipeline } from './langchain.ts';

export const SYSTEMS = ['hybrid', 'lexical', 'vector', 'fts5', 'bruteforce', 'langchain'] as const;
export type SystemName = (typeof SYSTEMS)[number];
/** The systems that are not ours. */
export const BASELINES: readonly SystemName[] = ['fts5', 'bruteforce', 'langchain'];

/** One retrieved passage: its document and its text (for passage-level checks). */
export interface Passage {
  docId: string;
  text: string;
}

export interface RetrievalSystem {
  name: SystemName;
  /** The best `k` passages, best first. */
  search(question: string, k: number): Promise<Passage[]>;
}

export interface OurIndex {
  built: BuiltIndex;
  snapshot: SnapshotData;
  engine: Engine;
  provider: EmbeddingProvider;
}

/** Our full index, in memory, exactly as `ingest` builds it (same chunking, embedding fit and indexes). */
export async function buildOurs(docs: LoadedDoc[], config: Config, opts: Pick<BuildOptions, 'situations'> = {}): Promise<OurIndex> {
  const provider = createEmbeddingProvider(config.embeddings);
  // The float32 rows too, which ingest no longer keeps: the exact-search baseline scores them.
  const built = await buildIndex(docs, config, provider, { ...opts, keepVectors: true });
  const manifest = newManifest({
    name: `eval-${process.pid}`,
    corpusDir: '',
    embedding: provider.info,
    chunking: config.chunk,
    docs: built.docs,
    chunks: built.data.chunks.length,
    chars: docs.reduce((n, d) => n + d.text.length, 0),
  });

  const snapshot = { ...built.data, vectors: built.data.vectors!, manifest };
  return { built, snapshot, engine: createEngine(snapshot, config, provider), provider };
}

/**
 * The product retriever, or one composed with a single leg of it: each leg is measured alone by building a
 * retriever that has only that leg, so the product retriever carries no switch for evaluation.
 */
export function withLegs(retriever: HybridRetriever, legs: 'hybrid' | 'lexical' | 'vector'): HybridRetriever {
  if (legs === 'hybrid') return retriever;
  const { parts, options } = retriever;
  return new HybridRetriever({ ...parts, legs: { [legs]: parts.legs[legs] } }, options);
}

export function oursSystem(ours: OurIndex, legs: 'hybrid' | 'lexical' | 'vector'): RetrievalSystem {
  const retriever = withLegs(ours.engine.retriever, legs);
  const candidates = retriever.options.candidates;
  return {
    name: legs,
    async search(question, k) {
      const r = await retriever.retrieve(ours.engine.query(question), { topK: k, candidates: Math.max(k, candidates) });
      return r.hits.map((h) => ({ docId: h.chunk.docId, text: h.chunk.text }));
    },
  };
}

/** Exact cosine over every stored vector: what HNSW approximates, the recall ceiling of the vector leg. */
export function bruteForceSystem(ours: OurIndex): RetrievalSystem {
  const { chunks, vectors } = ours.snapshot;
  const dim = ours.provider.info.dim;
  return {
    name: 'bruteforce',
    async search(question, k) {
      const q = await ours.provider.embeddings.embedQuery(question);
      return bruteForceSearch(vectors, dim, q, k).map((h) => ({ docId: chunks[h.id].docId, text: chunks[h.id].text }));
    },
  };
}

/** FTS5 over our chunks (the same text both our legs index: title, section, chunk). */
export function fts5System(ours: OurIndex, file?: string): RetrievalSystem & { index: Fts5Index } {
  const { chunks } = ours.snapshot;
  const titles = new Map(ours.built.docs.map((d) => [d.id, d.title]));
  const index = Fts5Index.build(
    chunks.map((c) => indexText(titles.get(c.docId)!, c)),
    file,
  );
  return {
    name: 'fts5',
    index,
    async search(question, k) {
      return index.search(question, k).map((h) => ({ docId: chunks[h.id].docId, text: chunks[h.id].text }));
    },
  };
}

export async function langchainSystem(
  docs: LoadedDoc[],
  config: Config,
): Promise<RetrievalSystem & { pipeline: LangchainPipeline; provider: EmbeddingProvider }> {
  const provider = createEmbeddingProvider(config.embeddings);
  const pipeline = await buildLangchainPipeline(docs, provider, { ...config.chunk, batchSize: config.embeddings.batchSize });
  return {
    name: 'langchain',
    pipeline,
    provider,
    async search(question, k) {
      const q = await provider.embeddings.embedQuery(question);
      return pipeline.index.search(q, k).map((h) => ({ docId: pipeline.windows[h.id].docId, text: pipeline.windows[h.id].text }));
    },
  };
}
