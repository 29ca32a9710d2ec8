// Baseline: a plain LangChain-style pipeline. A fixed-size character splitter (a window of `size` characters
// moved by `size - overlap`, blind to sentences and paragraphs, like CharacterTextSplitter with no separator),
// the same embedding as ours, vector search only (HNSW, as LangChain's HNSWLib store), no lexical leg,
// no fusion and no relevance decision.
import type { EmbeddingProvider } from '../../index/embeddings/types.ts';
import { VectorIndex } from '../../index/vector.ts';
import type { SourceDoc } from '../../types.ts';

export interface Window {
  docId: string;
  start: number;
  text: string;
}

/** Fixed windows over each document's text; the last one may be shorter. */
export function splitFixed(docs: readonly SourceDoc[], size: number, overlap: number): Window[] {
  if (overlap >= size) throw new RangeError(`overlap (${overlap}) must be smaller than size (${size})`);
  const out: Window[] = [];
  for (const d of docs) {
    const text = d.text.trim();
    for (let start = 0; start < text.length; start += size - overlap) {
      out.push({ docId: d.id, start, text: text.slice(start, start + size) });
      if (start + size >= text.length) break;
    }
  }
  return out;
}

export interface LangchainPipeline {
  windows: Window[];
  vectors: Float32Array;
  index: VectorIndex;
}

/** Split, fit the embedding on the windows (as our ingest fits it on chunks), embed, index. */
export async function buildLangchainPipeline(
  docs: readonly SourceDoc[],
  provider: EmbeddingProvider,
  opts: { size: number; overlap: number; batchSize: number },
): Promise<LangchainPipeline> {
  const windows = splitFixed(docs, opts.size, opts.overlap);
  const texts = windows.map((w) => w.text);
  const vectors = await fitAndEmbed(provider, texts, opts.batchSize);
  return { windows, vectors, index: VectorIndex.build(vectors, provider.info.dim) };
}

/** Fit the embedding on `texts` (as our full ingest does), then embed them all, row i for text i. */
export async function fitAndEmbed(provider: EmbeddingProvider, texts: readonly string[], batchSize: number): Promise<Float32Array> {
  provider.fit?.([...texts]);
  const dim = provider.info.dim;
  const vectors = new Float32Array(texts.length * dim);
  for (let i = 0; i < texts.length; i += batchSize) {
    const vecs = await provider.embeddings.embedDocuments(texts.slice(i, i + batchSize));
    vecs.forEach((v, j) => {
      vectors.set(v, (i + j) * dim);
    });
  }
  return vectors;
}
