// The contract every answerer (extractive, LLM) fulfils, so front ends never care which one wrote the answer.
import type { Engine } from '../engine.ts';
import type { Retrieval } from '../retrieve/hybrid.ts';
import type { Citation, Register } from '../types.ts';

export interface AnswerInput {
  question: string;
  register: Register;
  retrieval: Retrieval;
  engine: Engine;
}

export interface AnswerDraft {
  answer: string;
  found: boolean;
  citations: Citation[];
  source: 'extractive' | 'llm' | 'refusal';
}

export interface AnswerOptions {
  /** Called with the growing answer text while it is being written (LLM streaming). */
  onPartial?: (text: string) => void;
  signal?: AbortSignal;
}

export interface Answerer {
  readonly name: string;
  answer(input: AnswerInput, opts?: AnswerOptions): Promise<AnswerDraft>;
}
