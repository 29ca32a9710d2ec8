// The contract every answerer (extractive, LLM) fulfils, so front ends never care which one wrote the answer.
import type { Bm25Index } from '../index/lexical.ts';
import type { Retrieval } from '../retrieve/types.ts';
import type { Query } from '../text/query.ts';
import type { Tokenizer } from '../text/tokenize.ts';
import type { Citation } from '../types.ts';

export interface AnswerInput {
  /** The question to answer (the standalone form of a follow-up), with the asker's register. */
  query: Query;
  retrieval: Retrieval;
  context: AnswerContext;
}

/** What an answerer may read of the live index: term weights and the tokenizer, not the whole engine. */
export interface AnswerContext {
  /** IDF for the question's weights; `contains` finds a law article's situation words (SITUATION_FIELD). */
  lexical: Pick<Bm25Index, 'idf'> & Partial<Pick<Bm25Index, 'contains'>>;
  tokenizer: Pick<Tokenizer, 'tokensOfMatchForm'>;
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
