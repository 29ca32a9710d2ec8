// The OpenAI-compatible embedding provider against the local fake server: the request protocol, dimension
// detection, normalization, and the snapshot's record of the provider. Not a test of embedding quality.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../../src/app/app.ts';
import { loadConfig } from '../../../src/config.ts';
import { FakeOpenAiServer } from '../../../src/dev/openai-server.ts';
import { ConfigError, EmbeddingError, SnapshotMismatchError } from '../../../src/errors.ts';
import { createEmbeddingProvider } from '../../../src/index/embeddings/create.ts';
import { currentSnapshotName, snapshotsDir } from '../../../src/index/snapshot.ts';
import { type ShippedIndex, shippedIndex } from '../../helpers/shipped-index.ts';

let fake: FakeOpenAiServer;
let index: ShippedIndex;
const env = (url: string) => ({ EMBEDDINGS_PROVIDER: 'openai', EMBEDDINGS_BASE_URL: url, EMBEDDINGS_MODEL: 'fake-embed', EMBEDDINGS_MAX_RETRIES: '0' });

function norm(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}

beforeAll(async () => {
  fake = await FakeOpenAiServer.start({ dim: 48 });
  index = await shippedIndex(env(fake.url));
});
afterAll(async () => {
  await fake.close();
  index.cleanup();
});
beforeEach(() => fake.reset());

describe('OpenAI-compatible embeddings (fake server; protocol, not quality)', () => {
  it('learns the dimension from a probe and returns unit vectors, batched as configured', async () => {
    const provider = createEmbeddingProvider({ ...index.config.embeddings, batchSize: 4 });
    expect(provider.info).toEqual({ provider: 'openai', model: 'fake-embed', dim: 0 });
    await provider.init!();
    expect(provider.info.dim).toBe(48);
    fake.reset();
    const vectors = await provider.embeddings.embedDocuments(Array.from({ length: 10 }, (_, i) => `第${i}条 继承`));
    expect(vectors).toHaveLength(10);
    for (const v of vectors) expect(norm(v)).toBeCloseTo(1, 6);
    const bodies = fake.requests.filter((r) => r.path === '/v1/embeddings').map((r) => r.body);
    expect(bodies.map((b) => b.input.length)).toEqual([4, 4, 2]);
    expect(bodies.every((b) => b.model === 'fake-embed' && b.encoding_format === 'float')).toBe(true);
  });

  it('ingest records provider, model and dimension, stores unit vectors, and the app answers with them', async () => {
    const dir = join(snapshotsDir(index.config.indexDir), currentSnapshotName(index.config.indexDir)!);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.embedding).toEqual({ provider: 'openai', model: 'fake-embed', dim: 48 });
    const raw = readFileSync(join(dir, 'vectors.f32'));
    const vectors = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
    expect(vectors.length).toBe(manifest.counts.chunks * 48);
    expect(norm(vectors.subarray(0, 48))).toBeCloseTo(1, 5);
    const answer = await App.open(index.config).ask('什么是三治融合');
    expect(answer.found).toBe(true);
    expect(fake.requests.filter((r) => r.path === '/v1/embeddings')).toHaveLength(1); // the query, no probe
  });

  it('refuses the snapshot when the configuration names another provider or model', () => {
    expect(() => App.open(index.with({ EMBEDDINGS_PROVIDER: 'hash' }))).toThrow(SnapshotMismatchError);
    expect(() => App.open(index.with({ EMBEDDINGS_MODEL: 'other-embed' }))).toThrow(/built with embeddings openai\/fake-embed \(dim 48\).*openai\/other-embed/);
  });

  it('refuses a query vector whose dimension differs from the index (the model changed behind its name)', async () => {
    const other = await FakeOpenAiServer.start({ dim: 32 });
    try {
      const app = App.open(index.with({ EMBEDDINGS_BASE_URL: other.url }));
      const err = await app.ask('什么是三治融合').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(EmbeddingError);
      expect((err as EmbeddingError).message).toMatch(/returned 32 dimensions where the index has 48/);
      expect((err as EmbeddingError).hint).toMatch(/npm run ingest/);
    } finally {
      await other.close();
    }
  });

  it('reports a failing server as an EmbeddingError naming the model', async () => {
    fake.scriptEmbeddings({ status: 500 });
    const provider = createEmbeddingProvider(index.config.embeddings);
    const err = await provider.init!().catch((e) => e);
    expect(err).toBeInstanceOf(EmbeddingError);
    expect(err.message).toContain('embeddings openai/fake-embed');
    await provider.init!(); // a failed probe is not remembered
    expect(provider.info.dim).toBe(48);
  });

  it('needs both EMBEDDINGS_BASE_URL and EMBEDDINGS_MODEL', () => {
    expect(() => loadConfig({ EMBEDDINGS_PROVIDER: 'openai', EMBEDDINGS_BASE_URL: fake.url })).toThrow(ConfigError);
  });
});
