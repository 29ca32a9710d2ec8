// Chooses the answerer from config: the extractive one offline, the LLM one (with extractive fallback)
// when an OpenAI-compatible endpoint is configured.
import type { Config } from '../config.ts';
import { type ChatClient, OpenAiChatClient } from './chat.ts';
import { ExtractiveAnswerer } from './extractive.ts';
import { LlmAnswerer } from './llm.ts';
import type { Answerer } from './types.ts';

/** The chat client for `config.llm`, or undefined offline. Share one between answerer and rewriter. */
export function createChatClient(config: Pick<Config, 'llm'>): ChatClient | undefined {
  return config.llm ? new OpenAiChatClient(config.llm) : undefined;
}

export function createAnswerer(config: Pick<Config, 'llm'>, chat: ChatClient | undefined = createChatClient(config)): Answerer {
  return chat ? new LlmAnswerer(chat) : new ExtractiveAnswerer();
}
