// One OpenAI-compatible chat endpoint shared by the answerer and the question rewriter: a deadline per call,
// streamed text, and a short pause after a failed request so an outage costs one timeout, not one per question.
import type { ChatOpenAI } from '@langchain/openai';
import type { Config } from '../config.ts';
import { LlmError } from '../errors.ts';
import { log } from '../log.ts';
import type { ChatMessage } from './prompt.ts';

export type LlmConfig = NonNullable<Config['llm']>;

export interface CompleteOptions {
  signal?: AbortSignal;
  /** Called with the whole text so far as it streams in (only when streaming is enabled). */
  onText?: (textSoFar: string) => void;
}

export interface ChatClient {
  /** The model's whole reply; throws LlmError on timeout, HTTP error or an unreachable server. */
  complete(messages: ChatMessage[], opts?: CompleteOptions): Promise<string>;
}

export interface ChatClientOptions {
  /** After a failed request, skip the model for this long (the callers fall back at once). */
  cooldownMs: number;
  /** Retries of a failed request (5xx, 429, network) inside the deadline. */
  maxRetries: number;
}

export const DEFAULT_CHAT_OPTIONS: ChatClientOptions = { cooldownMs: 30_000, maxRetries: 1 };

export class OpenAiChatClient implements ChatClient {
  private model?: Promise<ChatOpenAI>;
  private downUntil = 0;

  constructor(
    private readonly config: LlmConfig,
    private readonly opts: ChatClientOptions = DEFAULT_CHAT_OPTIONS,
  ) {}

  /** Loaded on first use: the OpenAI SDK takes most of a second to import, which offline runs never need. */
  private chatModel(): Promise<ChatOpenAI> {
    const { config, opts } = this;
    this.model ??= import('@langchain/openai').then(
      ({ ChatOpenAI }) =>
        new ChatOpenAI({
          model: config.model,
          // The OpenAI client refuses to start without a key; local servers (Ollama, llama.cpp) ignore it.
          apiKey: config.apiKey ?? 'no-key',
          temperature: config.temperature,
          timeout: config.timeoutMs,
          maxRetries: opts.maxRetries,
          // stream_options is unknown to some OpenAI-compatible servers; token usage is not needed here.
          streamUsage: false,
          configuration: { baseURL: config.baseUrl },
        }),
    );
    return this.model;
  }

  async complete(messages: ChatMessage[], opts: CompleteOptions = {}): Promise<string> {
    const wait = this.downUntil - Date.now();
    if (wait > 0) throw new LlmError(`the LLM at ${this.config.baseUrl} failed recently; not asking it again for ${Math.ceil(wait / 1000)} s`);
    // The deadline covers the whole reply, streamed or not: the user waits for all of it.
    const deadline = AbortSignal.timeout(this.config.timeoutMs);
    const signal = opts.signal ? AbortSignal.any([opts.signal, deadline]) : deadline;
    // Role/content tuples rather than message classes: importing @langchain/core/messages costs ~0.6 s at start.
    const input = messages.map((m): [string, string] => [m.role === 'system' ? 'system' : 'human', m.content]);
    try {
      const model = await this.chatModel();
      if (this.config.stream && opts.onText) {
        let text = '';
        for await (const chunk of await model.stream(input, { signal })) {
          if (!chunk.text) continue;
          text += chunk.text;
          opts.onText(text);
        }
        return text;
      }
      return (await model.invoke(input, { signal })).text;
    } catch (cause) {
      if (opts.signal?.aborted) throw cause;
      this.downUntil = Date.now() + this.opts.cooldownMs;
      const why = deadline.aborted ? `no complete reply within ${this.config.timeoutMs} ms` : 'the request failed';
      log.debug('llm request failed', { baseUrl: this.config.baseUrl, model: this.config.model, why });
      throw new LlmError(`LLM ${this.config.model} at ${this.config.baseUrl}: ${why}`, { cause });
    }
  }
}

/** The chat client for `config.llm`, or undefined offline. Share one between answerer and rewriter. */
export function createChatClient(config: Pick<Config, 'llm'>): ChatClient | undefined {
  return config.llm ? new OpenAiChatClient(config.llm) : undefined;
}
