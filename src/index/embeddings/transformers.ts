// A local sentence-embedding model (ONNX) run by @huggingface/transformers, an optional dependency that is
// only loaded when EMBEDDINGS_PROVIDER=transformers: it is ~480 MB and needs ONNXRUNTIME_NODE_INSTALL=skip.

import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, resolve } from 'node:path';
import { Embeddings } from '@langchain/core/embeddings';
import type { Config } from '../../config.ts';
import { ConfigError, EmbeddingError } from '../../errors.ts';
import { modelProvider } from './model.ts';
import type { EmbeddingProvider } from './types.ts';

export const TRANSFORMERS_PACKAGE = '@huggingface/transformers';
export const DEFAULT_TRANSFORMERS_MODEL = 'Xenova/bge-small-zh-v1.5';
export const INSTALL_HINT =
  `EMBEDDINGS_PROVIDER=transformers needs the optional package ${TRANSFORMERS_PACKAGE}: install it with ` +
  `\`ONNXRUNTIME_NODE_INSTALL=skip npm install ${TRANSFORMERS_PACKAGE}@4\` (about 480 MB; the variable stops ` +
  'onnxruntime-node from downloading CUDA libraries), or choose EMBEDDINGS_PROVIDER=hash or openai';

/** The part of @huggingface/transformers used here. */
export interface TransformersModule {
  env: { localModelPath: string; allowRemoteModels: boolean };
  pipeline(task: 'feature-extraction', model: string): Promise<FeatureExtractor>;
}
export type FeatureExtractor = (texts: string[], opts: { pooling: 'mean' | 'cls'; normalize: boolean }) => Promise<{ tolist(): number[][] }>;

/** How the model was trained to be used, from its model card: pooling, and the prefixes of queries and passages. */
export interface ModelConventions {
  pooling: 'mean' | 'cls';
  queryPrefix: string;
  passagePrefix: string;
}

export function conventionsFor(model: string): ModelConventions {
  const name = basename(model).toLowerCase();
  // E5 models were trained with "query: " / "passage: " and mean pooling; without the prefixes recall drops.
  if (name.includes('e5')) return { pooling: 'mean', queryPrefix: 'query: ', passagePrefix: 'passage: ' };
  // BGE uses the [CLS] vector; v1.5 works without its optional query instruction.
  if (name.includes('bge')) return { pooling: 'cls', queryPrefix: '', passagePrefix: '' };
  return { pooling: 'mean', queryPrefix: '', passagePrefix: '' };
}

export interface TransformersDeps {
  /** Whether the package can be found (synchronous, so a missing install fails at start-up). */
  installed(): boolean;
  load(): Promise<TransformersModule>;
}

const require = createRequire(import.meta.url);
const realDeps: TransformersDeps = {
  installed: () => {
    try {
      require.resolve(TRANSFORMERS_PACKAGE);
      return true;
    } catch {
      return false;
    }
  },
  // A variable specifier: the package is optional, so neither tsc nor the bundler may insist on it.
  load: () => import(TRANSFORMERS_PACKAGE as string) as Promise<TransformersModule>,
};

class TransformersEmbeddings extends Embeddings {
  private extractor?: Promise<FeatureExtractor>;

  constructor(
    private readonly model: string,
    private readonly conv: ModelConventions,
    private readonly batchSize: number,
    private readonly deps: TransformersDeps,
  ) {
    super({});
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    const out: number[][] = [];
    for (let i = 0; i < texts.length; i += this.batchSize) {
      out.push(...(await this.run(texts.slice(i, i + this.batchSize).map((t) => this.conv.passagePrefix + t))));
    }
    return out;
  }

  async embedQuery(text: string): Promise<number[]> {
    return (await this.run([this.conv.queryPrefix + text]))[0];
  }

  private async run(texts: string[]): Promise<number[][]> {
    const extract = await (this.extractor ??= this.open().catch((err) => {
      this.extractor = undefined;
      throw err;
    }));
    return (await extract(texts, { pooling: this.conv.pooling, normalize: true })).tolist();
  }

  /** A directory (e.g. a clone of the hub repo, or a hub-cache snapshot) is used offline; a hub id may download. */
  private async open(): Promise<FeatureExtractor> {
    const { env, pipeline } = await this.deps.load();
    const local = resolve(this.model);
    const isDir = existsSync(local) && statSync(local).isDirectory();
    // The library's settings are global: set both every time so no earlier model's choice carries over.
    env.allowRemoteModels = !isDir;
    if (isDir) env.localModelPath = dirname(local) + '/';
    const id = isDir ? basename(local) : this.model;
    try {
      return await pipeline('feature-extraction', id);
    } catch (cause) {
      throw new EmbeddingError(
        `cannot load the embedding model ${this.model}: point EMBEDDINGS_MODEL at a local copy of the model ` +
          '(a directory with config.json, tokenizer.json and onnx/model.onnx) or allow it to be downloaded',
        { cause },
      );
    }
  }
}

export function transformersProvider(config: Config['embeddings'], deps: TransformersDeps = realDeps): EmbeddingProvider {
  if (!deps.installed()) throw new ConfigError(INSTALL_HINT);
  const model = config.model ?? DEFAULT_TRANSFORMERS_MODEL;
  return modelProvider('transformers', model, new TransformersEmbeddings(model, conventionsFor(model), config.batchSize, deps));
}
