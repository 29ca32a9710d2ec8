// The ask use case every front end calls: question -> retrieval -> answer or the fixed refusal, with timings.
import { notFoundReply, emptyQuestionReply, type CorpusSummary } from './answer/messages.ts';
import type { AnswerOptions, Answerer } from './answer/types.ts';
import { detectRegister } from './corpus/normalize.ts';
import type { Engine } from './engine.ts';
import type { Retrieval } from './retrieve/hybrid.ts';
import type { Answer } from './types.ts';

export interface AskOptions extends AnswerOptions {
  /** The previous question in this conversation, for follow-ups ("它是什么时候提出的?"). */
  previousQuestion?: string;
}

// Words that point back to an earlier question: a follow-up needs the earlier question to be understood.
const ANAPHORA = /(它|其|这个|那个|这些|那些|此|该|上述|前面|刚才|\bit\b|\bthis\b|\bthat\b|\bthey\b|\bthem\b)/i;

/** Document titles, and policy terms taken in turn from each document so every document is represented. */
export function corpusSummary(engine: Engine, maxTerms = 8): CorpusSummary {
  const docs = engine.manifest.docs;
  const terms: string[] = [];
  for (let i = 0; terms.length < maxTerms && docs.some((d) => d.terms.length > i); i++) {
    for (const d of docs) if (d.terms[i] && !terms.includes(d.terms[i]) && terms.length < maxTerms) terms.push(d.terms[i]);
  }
  return { titles: docs.map((d) => d.title), terms };
}

/** Retrieve for the question; a follow-up that does not stand alone is retried with the previous question. */
export async function retrieveWithContext(engine: Engine, question: string, previous?: string): Promise<Retrieval> {
  const alone = await engine.retriever.retrieve(question);
  if (!previous || (alone.relevant && !ANAPHORA.test(question))) return alone;
  const joined = await engine.retriever.retrieve(`${previous} ${question}`);
  return joined.relevant || !alone.relevant ? joined : alone;
}

export async function ask(engine: Engine, answerer: Answerer, question: string, opts: AskOptions = {}): Promise<Answer> {
  const q = question.trim();
  const register = detectRegister(q);
  const t0 = performance.now();
  if (!q) {
    return { question, answer: emptyQuestionReply(register), found: false, citations: [], register, source: 'refusal', timings: { retrieve_ms: 0, answer_ms: 0 } };
  }
  const retrieval = await retrieveWithContext(engine, q, opts.previousQuestion);
  const t1 = performance.now();
  let draft = retrieval.relevant ? await answerer.answer({ question: q, register, retrieval, engine }, opts) : undefined;
  if (!draft?.found) {
    draft = { answer: notFoundReply(register, corpusSummary(engine)), found: false, citations: [], source: 'refusal' };
  }
  const t2 = performance.now();
  return { question, ...draft, register, timings: { retrieve_ms: round(t1 - t0), answer_ms: round(t2 - t1) } };
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
