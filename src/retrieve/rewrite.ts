// Question rewriting before retrieval (only with an LLM): a follow-up becomes a standalone question using the
// previous one, and a question not written in Chinese gets Chinese search terms to search with.

import { LlmError } from '../errors.ts';
import type { ChatClient } from '../llm/chat.ts';
import { asData, fill, loadPrompts, type PromptSet } from '../llm/prompt.ts';
import { labelledLine, stripThinking } from '../llm/reply.ts';
import { detectLang } from '../text/normalize.ts';
import type { Query } from '../text/query.ts';

export interface Rewrite {
  /** The question as it can be understood alone, in the asker's language. */
  question: string;
  /** Chinese search terms to retrieve with, besides the question. */
  terms: string[];
}

export interface QueryRewriter {
  /** Whether rewriting can help: a follow-up (there is a previous question) or a non-Chinese question. */
  wants(question: Query, previous?: string): boolean;
  rewrite(question: string, previous?: string, signal?: AbortSignal): Promise<Rewrite>;
}

const MAX_TERMS = 8;

/** Read the QUESTION and TERMS lines; without a QUESTION line, or with a runaway one, the reply is unusable. */
export function parseRewrite(raw: string, asked: { question: string; previous?: string }): Rewrite {
  const text = stripThinking(raw);
  const line = (label: string) => labelledLine(label, 'im').exec(text)?.[2].trim();
  const question = line('QUESTION');
  if (!question) throw new LlmError('malformed rewrite: no QUESTION line');
  // A standalone question restates at most both questions; much more is the model answering or rambling.
  const limit = 2 * (asked.question.length + (asked.previous?.length ?? 0)) + 40;
  if (question.length > limit) throw new LlmError(`malformed rewrite: a ${question.length}-character question from a ${asked.question.length}-character one`);
  const terms = (line('TERMS') ?? '')
    .split(/[\s,，、;；/]+/)
    .map((t) => t.replace(/^["“”'‘’「」《》]+|["“”'‘’「」《》]+$/g, ''))
    .filter((t) => /\p{Script=Han}/u.test(t) && t.length <= 20);
  return { question, terms: [...new Set(terms)].slice(0, MAX_TERMS) };
}

/**
 * The text to retrieve with. The documents are Chinese: English words can never match, yet they count against
 * a passage's coverage of the question, so a non-Chinese question is searched with its Chinese terms alone.
 */
export function searchText(rw: Rewrite): string {
  if (detectLang(rw.question) === 'zh' || !rw.terms.length) return [rw.question, ...rw.terms].join(' ');
  const han = rw.question.match(/\p{Script=Han}+/gu) ?? [];
  return [...new Set([...han, ...rw.terms])].join(' ');
}

export class LlmRewriter implements QueryRewriter {
  constructor(
    private readonly chat: ChatClient,
    private readonly prompts: PromptSet = loadPrompts(),
  ) {}

  wants(question: Query, previous?: string): boolean {
    return Boolean(previous?.trim()) || question.register.lang !== 'zh';
  }

  async rewrite(question: string, previous?: string, signal?: AbortSignal): Promise<Rewrite> {
    const user = fill(this.prompts.rewriteUser, { previous: previous?.trim() ? asData(previous) : '(none)', question: asData(question) });
    const raw = await this.chat.complete(
      [
        { role: 'system', content: this.prompts.rewriteSystem },
        { role: 'user', content: user },
      ],
      { signal },
    );
    return parseRewrite(raw, { question, previous });
  }
}

export function createRewriter(chat: ChatClient | undefined): QueryRewriter | undefined {
  return chat ? new LlmRewriter(chat) : undefined;
}
