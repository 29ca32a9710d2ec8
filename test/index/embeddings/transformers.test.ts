// The transformers embedding provider with a stand-in for @huggingface/transformers (the real package is an
// optional ~480 MB install and no model weights are available offline): install hint, model conventions,
// local model directories, dimension detection. Not a test of embedding quality.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { ConfigError, EmbeddingError } from '../../../src/errors.ts';
import {
  conventionsFor,
  DEFAULT_TRANSFORMERS_MODEL,
  INSTALL_HINT,
  type TransformersDeps,
  type TransformersModule,
  transformersProvider,
} from '../../../src/index/embeddings/transformers.ts';

const tmp = mkdtempSync(join(tmpdir(), 'wenzheng-models-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const embeddingsConfig = (model?: string) =>
  loadConfig({ EMBEDDINGS_PROVIDER: 'transformers', EMBEDDINGS_BATCH_SIZE: '2', ...(model ? { EMBEDDINGS_MODEL: model } : {}) }).embeddings;

/** A stand-in module: records what it is asked, returns 3-dimensional vectors from the text length. */
function fakeModule(opts: { fail?: boolean } = {}) {
  const calls: { texts: string[]; pooling: string }[] = [];
  const loaded: string[] = [];
  const mod: TransformersModule = {
    env: { localModelPath: '/models/', allowRemoteModels: true },
    pipeline: async (_task, model) => {
      loaded.push(model);
      if (opts.fail) throw new Error('Could not locate file: onnx/model.onnx');
      return async (texts, o) => {
        calls.push({ texts, pooling: o.pooling });
        return { tolist: () => texts.map((t) => [t.length, 1, 0]) };
      };
    },
  };
  const deps: TransformersDeps = { installed: () => true, load: async () => mod };
  return { mod, deps, calls, loaded };
}

describe('transformers embeddings (stand-in module; protocol, not quality)', () => {
  it('without the optional package, fails at start-up with how to install it', () => {
    const deps: TransformersDeps = { installed: () => false, load: () => Promise.reject(new Error('unreachable')) };
    expect(() => transformersProvider(embeddingsConfig(), deps)).toThrow(ConfigError);
    expect(() => transformersProvider(embeddingsConfig(), deps)).toThrow(INSTALL_HINT);
    expect(INSTALL_HINT).toContain('ONNXRUNTIME_NODE_INSTALL=skip npm install @huggingface/transformers');
  });

  it('follows the model card: E5 gets "query: "/"passage: " and mean pooling, BGE the [CLS] vector', () => {
    expect(conventionsFor('intfloat/multilingual-e5-small')).toEqual({ pooling: 'mean', queryPrefix: 'query: ', passagePrefix: 'passage: ' });
    expect(conventionsFor('/models/bge-small-zh-v1.5')).toMatchObject({ pooling: 'cls', queryPrefix: '' });
  });

  it('prefixes queries and passages, batches documents, and learns the dimension from a probe', async () => {
    const { deps, calls, loaded } = fakeModule();
    const provider = transformersProvider(embeddingsConfig('Xenova/multilingual-e5-small'), deps);
    expect(provider.info).toEqual({ provider: 'transformers', model: 'Xenova/multilingual-e5-small', dim: 0 });
    await provider.init!();
    expect(provider.info.dim).toBe(3);
    const vectors = await provider.embeddings.embedDocuments(['甲', '乙', '丙']);
    expect(calls.slice(1).map((c) => c.texts)).toEqual([['passage: 甲', 'passage: 乙'], ['passage: 丙']]);
    expect(calls[0].texts[0].startsWith('query: ')).toBe(true);
    expect(calls.every((c) => c.pooling === 'mean')).toBe(true);
    expect(vectors[0].reduce((s, x) => s + x * x, 0)).toBeCloseTo(1, 6);
    expect(loaded).toEqual(['Xenova/multilingual-e5-small']); // the pipeline is opened once
  });

  it('loads a model from a local directory offline, recording the configured name', async () => {
    const dir = join(tmp, 'bge-small-zh-v1.5');
    mkdirSync(dir, { recursive: true });
    const { mod, deps, loaded } = fakeModule();
    const provider = transformersProvider(embeddingsConfig(dir), deps);
    await provider.embeddings.embedQuery('三治融合');
    expect(mod.env).toEqual({ localModelPath: `${tmp}/`, allowRemoteModels: false });
    expect(loaded).toEqual(['bge-small-zh-v1.5']);
    expect(provider.info.model).toBe(dir);
    // A hub id afterwards may download again: the library's settings are global.
    await transformersProvider(embeddingsConfig('Xenova/bge-small-zh-v1.5'), deps).embeddings.embedQuery('三治融合');
    expect(mod.env.allowRemoteModels).toBe(true);
    expect(loaded.at(-1)).toBe('Xenova/bge-small-zh-v1.5');
  });

  it('defaults to bge-small-zh-v1.5 and reports a model it cannot load as an EmbeddingError', async () => {
    const { deps } = fakeModule({ fail: true });
    const provider = transformersProvider(embeddingsConfig(), deps);
    expect(provider.info.model).toBe(DEFAULT_TRANSFORMERS_MODEL);
    const err = await provider.init!().catch((e) => e);
    expect(err).toBeInstanceOf(EmbeddingError);
    expect(err.message).toContain(`cannot load the embedding model ${DEFAULT_TRANSFORMERS_MODEL}`);
  });
});
