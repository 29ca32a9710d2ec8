// Chooses the answerer from config: the extractive one offline, the LLM one (with extractive fallback)
// when an OpenAI-compatible endpoint is configured.
import type { Config } from '../config.ts';
import { type ChatClient, createChatClient } from '../llm/chat.ts';
import { ExtractiveAnswerer } from './extractive.ts';
import { LlmAnswerer } from './llm.ts';
import type { Answerer } from './types.ts';

export function createAnswerer(config: Pick<Config, 'llm'>, chat: ChatClient | undefined = createChatClient(config)): Answerer {
  return chat ? new LlmAnswerer(chat) : new ExtractiveAnswerer();
}
