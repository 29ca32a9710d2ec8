// What every model-backed embedding provider (an OpenAI-compatible API, a local transformers model) shares:
// the dimension is learned by asking the model, vectors are checked against it and L2-normalized (the HNSW
// index ranks by inner product), and failures become EmbeddingErrors that name the model.
import { Embeddings } from '@langchain/core/embeddings';
import { EmbeddingError, WenzhengError } from '../../errors.ts';
import type { EmbeddingProvider } from './types.ts';

/** Unit length, or an error for a vector that cannot be normalized (empty, zero, not finite). */
export function unitVector(v: ArrayLike<number>, who: string): number[] {
  let norm = 0;
  for (let i = 0; i < v.length; i++) norm += v[i] * v[i];
  norm = Math.sqrt(norm);
  if (!v.length || !Number.isFinite(norm) || norm === 0) throw new EmbeddingError(`${who} returned an unusable vector (length ${v.length}, norm ${norm})`);
  return Array.from(v, (x) => x / norm);
}

/** Wraps a model's raw Embeddings: same dimension on every call, unit vectors, named errors. */
export class ModelEmbeddings extends Embeddings {
  /** 0 until the first vector (or the snapshot) tells. */
  dim = 0;

  constructor(
    private readonly inner: Embeddings,
    readonly who: string,
  ) {
    super({});
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    if (!texts.length) return [];
    const vectors = await this.call(() => this.inner.embedDocuments(texts));
    if (vectors.length !== texts.length) throw new EmbeddingError(`${this.who} returned ${vectors.length} vectors for ${texts.length} texts`);
    return vectors.map((v) => this.checked(v));
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.checked(await this.call(() => this.inner.embedQuery(text)));
  }

  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (cause) {
      if (cause instanceof WenzhengError) throw cause;
      throw new EmbeddingError(`${this.who}: the embedding request failed`, { cause });
    }
  }

  private checked(v: number[]): number[] {
    if (!this.dim) this.dim = v.length;
    else if (v.length !== this.dim) {
      throw new EmbeddingError(`${this.who} returned ${v.length} dimensions where the index has ${this.dim}: the model changed`, {
        hint: 'run `npm run ingest` to re-embed the corpus',
      });
    }
    return unitVector(v, this.who);
  }
}

const PROBE = '问政 dimension probe';

/**
 * A provider over a model: `info.dim` is 0 until the model has produced a vector, which `init()` (called by
 * ingest) makes it do, or until a snapshot restores it; the dimension is stored as the provider's snapshot state.
 */
export function modelProvider(provider: string, model: string, inner: Embeddings): EmbeddingProvider {
  const embeddings = new ModelEmbeddings(inner, `embeddings ${provider}/${model}`);
  let probe: Promise<void> | undefined;
  return {
    info: {
      provider,
      model,
      get dim() {
        return embeddings.dim;
      },
    },
    embeddings,
    init: () =>
      (probe ??= embeddings.embedQuery(PROBE).then(
        () => undefined,
        (err) => {
          probe = undefined;
          throw err;
        },
      )),
    saveState: () => Buffer.from(JSON.stringify({ dim: embeddings.dim })),
    restoreState: (state) => {
      const dim = state ? Number(JSON.parse(state.toString('utf8')).dim) : 0;
      if (dim > 0) embeddings.dim = dim;
    },
  };
}
