// The LLM answerer: the retrieved passages, numbered and fenced, go to an OpenAI-compatible model; its reply is
// verified (citations to given passages only, refusal when it does not answer). Any failure (timeout, HTTP
// error, malformed reply) falls back to the extractive answer, so the citizen always gets a reply.
import { describeError } from '../errors.ts';
import type { ChatClient } from '../llm/chat.ts';
import { loadPrompts, type PromptSet } from '../llm/prompt.ts';
import { log } from '../log.ts';
import { citationFor } from './cite.ts';
import { ExtractiveAnswerer } from './extractive.ts';
import { answerMessages } from './prompt.ts';
import type { AnswerDraft, Answerer, AnswerInput, AnswerOptions } from './types.ts';
import { parseReply, verifyReply, visibleAnswer } from './verify.ts';

export class LlmAnswerer implements Answerer {
  readonly name = 'llm';

  constructor(
    private readonly chat: ChatClient,
    private readonly prompts: PromptSet = loadPrompts(),
    private readonly fallback: Answerer = new ExtractiveAnswerer(),
  ) {}

  async answer(input: AnswerInput, opts: AnswerOptions = {}): Promise<AnswerDraft> {
    try {
      return await this.answerWithModel(input, opts);
    } catch (err) {
      if (opts.signal?.aborted) throw err;
      log.warn('LLM answer failed; replying with the extractive answer', { error: describeError(err) });
      return this.fallback.answer(input, opts);
    }
  }

  private async answerWithModel({ query, retrieval }: AnswerInput, opts: AnswerOptions): Promise<AnswerDraft> {
    const hits = retrieval.hits;
    const { onPartial } = opts;
    let shown = '';
    const show = (text: string) => {
      if (!onPartial || !text || text === shown) return;
      shown = text;
      onPartial(text);
    };
    const raw = await this.chat.complete(answerMessages(this.prompts, query.text, query.register, hits), {
      signal: opts.signal,
      onText: onPartial && ((soFar) => show(visibleAnswer(soFar, hits.length))),
    });
    const v = verifyReply(parseReply(raw), hits.length, this.prompts.answerSystem);
    if (v.dropped.length) log.info('LLM cited passages it was not given; citations dropped', { dropped: v.dropped, given: hits.length });
    if (v.refused) {
      log.info('LLM answer refused', { reason: v.reason });
      return { answer: '', found: false, citations: [], source: 'refusal' };
    }
    show(v.answer);
    return {
      answer: v.answer,
      found: true,
      citations: v.used.map((passage, i) => citationFor(i + 1, hits[passage - 1])),
      source: 'llm',
    };
  }
}
