// The ask use case every front end calls: question -> retrieval -> answer or the fixed refusal, with timings.
import { type CorpusSummary, emptyQuestionReply, notFoundReply } from '../answer/messages.ts';
import type { Answerer, AnswerOptions } from '../answer/types.ts';
import { describeError } from '../errors.ts';
import { log } from '../log.ts';
import { type QueryRewriter, searchText } from '../retrieve/rewrite.ts';
import type { Retrieval } from '../retrieve/types.ts';
import { readFollowUp } from '../text/followup.ts';
import { detectRegister } from '../text/normalize.ts';
import type { Query } from '../text/query.ts';
import type { Answer } from '../types.ts';
import type { Engine } from './engine.ts';

export interface AskOptions extends AnswerOptions {
  /** The previous question in this conversation, for follow-ups ("它是什么时候提出的?"). */
  previousQuestion?: string;
}

// Words that point back to an earlier question: a follow-up needs the earlier question to be understood.
const ANAPHORA = /(它|其|这个|那个|这些|那些|此|该|上述|前面|刚才|\bit\b|\bthis\b|\bthat\b|\bthey\b|\bthem\b)/i;

/**
 * What a conversation should remember after an answer: the question, unless it was a follow-up ("它包括哪些
 * 方面?") read with the previous one; then the previous one stays the topic, so a second follow-up still has it.
 * Nothing new when the question was not answered.
 */
export function nextContext(previous: string | undefined, question: string, answer: Pick<Answer, 'found'>): string | undefined {
  if (!answer.found) return previous;
  return previous && ANAPHORA.test(question) ? previous : question;
}

/** Document titles, and policy terms taken in turn from each document so every document is represented. */
export function corpusSummary(engine: Engine, maxTerms = 8): CorpusSummary {
  const docs = engine.manifest.docs;
  const terms: string[] = [];
  for (let i = 0; terms.length < maxTerms && docs.some((d) => d.terms.length > i); i++) {
    for (const d of docs) if (d.terms[i] && !terms.includes(d.terms[i]) && terms.length < maxTerms) terms.push(d.terms[i]);
  }
  return { titles: docs.map((d) => d.title), terms };
}

/**
 * Retrieve for the question. A follow-up that switches the year or the subject ("那2018年呢?") is read with the
 * previous question first; one that does not stand alone is retried joined with it.
 */
export async function retrieveWithContext(engine: Engine, query: Query, previous?: string): Promise<Retrieval> {
  const followUp = previous ? readFollowUp(query.text, previous) : undefined;
  if (followUp) {
    const read = await engine.retriever.retrieve(engine.query(followUp, query.register));
    if (read.relevant || read.missingYears.length) return read;
  }
  const alone = await engine.retriever.retrieve(query);
  if (!previous || (alone.relevant && !ANAPHORA.test(query.text))) return alone;
  const joined = await engine.retriever.retrieve(engine.query(`${previous} ${query.text}`, query.register));
  return joined.relevant || !alone.relevant ? joined : alone;
}

/**
 * With a rewriter (an LLM is configured), retrieve with the standalone question and its Chinese search terms;
 * when rewriting fails or finds nothing relevant, retrieve exactly as offline. `question` is what the answerer
 * should answer: the standalone form when there is one, in the register of the question as asked.
 */
export async function retrieveForQuestion(
  engine: Engine,
  query: Query,
  opts: AskOptions = {},
  rewriter?: QueryRewriter,
): Promise<{ retrieval: Retrieval; question: Query }> {
  let standalone = query;
  if (rewriter?.wants(query, opts.previousQuestion)) {
    try {
      const rw = await rewriter.rewrite(query.text, opts.previousQuestion, opts.signal);
      standalone = engine.query(rw.question, query.register);
      const retrieval = await engine.retriever.retrieve(engine.query(searchText(rw)));
      if (retrieval.relevant) return { retrieval, question: standalone };
      log.debug('rewritten question found nothing relevant; searching as asked', { rewrite: rw });
    } catch (err) {
      if (opts.signal?.aborted) throw err;
      log.warn('question rewriting failed; searching with the question as asked', { error: describeError(err) });
    }
  }
  // Offline, the question answered is the one retrieved with: a follow-up read with the previous question.
  const retrieval = await retrieveWithContext(engine, query, opts.previousQuestion);
  return { retrieval, question: standalone === query ? retrieval.query : standalone };
}

export async function ask(engine: Engine, answerer: Answerer, question: string, opts: AskOptions = {}, rewriter?: QueryRewriter): Promise<Answer> {
  const q = question.trim();
  const t0 = performance.now();
  if (!q) {
    const register = detectRegister(q);
    return {
      question,
      answer: emptyQuestionReply(register),
      found: false,
      citations: [],
      register,
      source: 'refusal',
      timings: { retrieve_ms: 0, answer_ms: 0 },
    };
  }
  // The question is understood once, here; everything below reads this value.
  const query = engine.query(q);
  const { register } = query;
  const { retrieval, question: standalone } = await retrieveForQuestion(engine, query, opts, rewriter);
  const t1 = performance.now();
  let draft = retrieval.relevant ? await answerer.answer({ query: standalone, retrieval, context: engine }, opts) : undefined;
  if (!draft?.found) {
    draft = { answer: notFoundReply(register, corpusSummary(engine)), found: false, citations: [], source: 'refusal' };
  }
  const t2 = performance.now();
  const answerability = Math.round(Math.max(retrieval.coverage, retrieval.article ? 1 : 0) * 1000) / 1000;
  return { question, ...draft, register, answerability, timings: { retrieve_ms: round(t1 - t0), answer_ms: round(t2 - t1) } };
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
