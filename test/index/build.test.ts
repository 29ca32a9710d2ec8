import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/app/ingest.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { buildIndex } from '../../src/index/build.ts';
import { createEmbeddingProvider } from '../../src/index/embeddings/create.ts';
import { FlatIndex } from '../../src/index/flat.ts';
import { loadReusable } from '../../src/index/snapshot.ts';
import { SHIPPED_CORPUS, tempDir, testConfig } from '../helpers/shipped-index.ts';

/**
 * The stored flat index of whole float32 rows, quantized the way ingest did when it held them all at once: per
 * row a float32 scale (largest |component| / 127), codes rounded with the float32 inverse, column-major.
 */
function quantizedAtOnce(vectors: Float32Array, dim: number): Uint8Array {
  const count = vectors.length / dim;
  const scales = new Float32Array(count);
  const codes = new Int8Array(count * dim);
  for (let r = 0; r < count; r++) {
    let max = 0;
    for (let j = r * dim; j < (r + 1) * dim; j++) max = Math.max(max, Math.abs(vectors[j]));
    scales[r] = max / 127;
  }
  const inverse = scales.map((scale) => (scale > 0 ? 1 / scale : 0));
  for (let r = 0; r < count; r++) for (let j = 0; j < dim; j++) codes[j * count + r] = Math.round(vectors[r * dim + j] * inverse[r]);
  const out = new Uint8Array(count * (4 + dim));
  out.set(new Uint8Array(scales.buffer), 0);
  out.set(new Uint8Array(codes.buffer), count * 4);
  return out;
}

function flatBytes(index: unknown): Uint8Array {
  if (!(index instanceof FlatIndex)) throw new Error('expected the flat index of the hash embedding');
  return index.serialize();
}

/** The shipped corpus five times under other paths: rows for three blocks (512 rows each) of the streaming build. */
async function copiedCorpus() {
  const { docs } = await loadCorpus(SHIPPED_CORPUS);
  return [0, 1, 2, 3, 4].flatMap((k) => docs.map((d) => ({ ...d, id: `c${k}/${d.id}`, path: `c${k}/${d.path}` })));
}

describe('buildIndex with the hash embedding', () => {
  it('quantizes block by block into the same flat index as the whole float32 matrix, without keeping that matrix', async () => {
    const { dir, cleanup } = tempDir('wz-build-');
    try {
      const config = testConfig(dir);
      const docs = await copiedCorpus();
      const lean = await buildIndex(docs, config, createEmbeddingProvider(config.embeddings));
      const kept = await buildIndex(docs, config, createEmbeddingProvider(config.embeddings), { keepVectors: true });
      const dim = config.embeddings.dim;
      expect(lean.data.chunks.length).toBeGreaterThan(1000);
      expect(lean.data.vectors).toBeUndefined();
      expect(kept.data.vectors).toHaveLength(lean.data.chunks.length * dim);
      const reference = quantizedAtOnce(kept.data.vectors!, dim);
      expect(Buffer.from(flatBytes(lean.data.vectorIndex)).equals(reference)).toBe(true);
      expect(Buffer.from(flatBytes(kept.data.vectorIndex)).equals(reference)).toBe(true);
      expect(Buffer.from(FlatIndex.build(kept.data.vectors!, dim).serialize()).equals(reference)).toBe(true);
    } finally {
      cleanup();
    }
  });

  it('in a refresh, reuses the live rows of unchanged documents and quantizes them as before', async () => {
    const { dir, cleanup } = tempDir('wz-build-refresh-');
    try {
      const config = testConfig(dir);
      const docs = await copiedCorpus();
      await ingest(config, { corpusDir: SHIPPED_CORPUS, indexDir: config.indexDir, mode: 'full' });
      const provider = createEmbeddingProvider(config.embeddings);
      const live = loadReusable(config.indexDir, provider.info);
      // Every copy is the live corpus under other ids, but the last copy's last document changed.
      const changed = docs.map((d, i) => (i === docs.length - 1 ? { ...d, text: `${d.text}\n\n新增一段关于秸秆禁烧的说明。`, hash: 'changed' } : d));
      const lean = await buildIndex(changed, config, provider, { reusable: live });
      const kept = await buildIndex(changed, config, createEmbeddingProvider(config.embeddings), { reusable: live, keepVectors: true });
      const liveChunks = live.manifest.counts.chunks;
      expect(lean.embedded).toBe(kept.embedded);
      // Every copy of an unchanged document reuses its live rows: only the changed one is embedded.
      expect(lean.embedded).toBeLessThan(liveChunks);
      expect(lean.data.chunks.length - lean.embedded).toBeGreaterThanOrEqual(4 * liveChunks);
      expect(Buffer.from(flatBytes(lean.data.vectorIndex)).equals(quantizedAtOnce(kept.data.vectors!, config.embeddings.dim))).toBe(true);
    } finally {
      cleanup();
    }
  });

  it('makes a copy of a document (same content hash, another file) once, into the same index as making each', async () => {
    const { dir, cleanup } = tempDir('wz-build-copies-');
    try {
      const config = testConfig(dir);
      const docs = await copiedCorpus();
      // The same documents, each with a hash of its own: nothing is recognised as a copy, everything is made.
      const distinct = docs.map((d, i) => ({ ...d, hash: `${d.hash}-${i}` }));
      for (const keepVectors of [false, true]) {
        const once = await buildIndex(docs, config, createEmbeddingProvider(config.embeddings), { keepVectors });
        const each = await buildIndex(distinct, config, createEmbeddingProvider(config.embeddings), { keepVectors });
        expect(once.data.chunks).toEqual(each.data.chunks);
        expect(once.data.terms).toEqual(each.data.terms);
        expect(once.docs.map((d) => ({ ...d, hash: '' }))).toEqual(each.docs.map((d) => ({ ...d, hash: '' })));
        expect(Buffer.concat(once.data.lexical.serializedParts()).equals(Buffer.concat(each.data.lexical.serializedParts()))).toBe(true);
        expect(Buffer.from(flatBytes(once.data.vectorIndex)).equals(Buffer.from(flatBytes(each.data.vectorIndex)))).toBe(true);
        expect(once.data.embeddingState!.equals(each.data.embeddingState!)).toBe(true);
        if (keepVectors) expect(Buffer.from(once.data.vectors!.buffer).equals(Buffer.from(each.data.vectors!.buffer))).toBe(true);
      }
    } finally {
      cleanup();
    }
  });
});
