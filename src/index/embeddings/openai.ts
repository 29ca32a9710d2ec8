// Embeddings from any OpenAI-compatible /embeddings API (OpenAI, DashScope, SiliconFlow, vLLM, Ollama, ...),
// batched and retried by @langchain/openai; vectors normalized and checked by modelProvider.
import { Embeddings } from '@langchain/core/embeddings';
import type { OpenAIEmbeddings } from '@langchain/openai';
import type { Config } from '../../config.ts';
import { ConfigError } from '../../errors.ts';
import { modelProvider } from './model.ts';
import type { EmbeddingProvider } from './types.ts';

export function openAiProvider(config: Config['embeddings']): EmbeddingProvider {
  if (!config.baseUrl || !config.model) throw new ConfigError('EMBEDDINGS_PROVIDER=openai needs EMBEDDINGS_BASE_URL and EMBEDDINGS_MODEL');
  const model = config.model;
  const inner = new LazyEmbeddings(() =>
    import('@langchain/openai').then(
      ({ OpenAIEmbeddings }) =>
        new OpenAIEmbeddings({
          model,
          // The OpenAI client refuses to start without a key; local servers ignore it.
          apiKey: config.apiKey ?? 'no-key',
          configuration: { baseURL: config.baseUrl },
          batchSize: config.batchSize,
          maxRetries: config.maxRetries,
          timeout: config.timeoutMs,
          // Without it the client asks for base64, which several compatible servers do not implement.
          encodingFormat: 'float',
        }),
    ),
  );
  return modelProvider('openai', config.model, inner);
}

/** Creates the client on first use: the OpenAI SDK takes most of a second to import. */
class LazyEmbeddings extends Embeddings {
  private inner?: Promise<OpenAIEmbeddings>;

  constructor(private readonly create: () => Promise<OpenAIEmbeddings>) {
    super({});
  }

  private client(): Promise<OpenAIEmbeddings> {
    return (this.inner ??= this.create());
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return (await this.client()).embedDocuments(texts);
  }

  async embedQuery(text: string): Promise<number[]> {
    return (await this.client()).embedQuery(text);
  }
}
