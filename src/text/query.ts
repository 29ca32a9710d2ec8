// A question understood once: its matching form, tokens, terms and register are computed when the question
// enters (app/ask) and passed down to retrieval, definition detection and the answerer, which read them
// instead of folding the question again.
import type { Register } from '../types.ts';
import { detectRegister, matchForm } from './normalize.ts';
import type { QueryTerm, Tokenizer } from './tokenize.ts';

export interface Query {
  /** The question as asked: what the vector leg embeds and what an LLM is given. */
  text: string;
  /** `text` in matching form (no pinyin, half width, Simplified, lower case): what every pattern reads. */
  matchText: string;
  /** Search-mode tokens of `matchText`, for BM25 and sentence scoring. */
  tokens: string[];
  /** Precise-mode terms with their parts, for the relevance decision. */
  terms: QueryTerm[];
  /** The asker's language and script: the answer is written in them. */
  register: Register;
  // Year and document scope ("2024年报告里…", "民法典里…") join here when scoping lands, read once like the rest.
}

/**
 * `register` defaults to the one of `text`; a rewritten question keeps the register of the question the citizen
 * typed, so the answer comes back in the citizen's language and script.
 */
export function makeQuery(
  text: string,
  tokenizer: Pick<Tokenizer, 'tokensOfMatchForm' | 'termsOfMatchForm'>,
  register: Register = detectRegister(text),
): Query {
  const matchText = matchForm(text);
  return { text, matchText, tokens: tokenizer.tokensOfMatchForm(matchText), terms: tokenizer.termsOfMatchForm(matchText), register };
}
