// The curated-answer step of the ask pipeline: before retrieval, a question close enough to an operator's
// curated question gets that answer with its citations into the live snapshot. The lead wires it into App:
//   const curated = curatedAnswerFor(this.curated, this.current, question); if (curated) return curated;
import { CuratedAnswers, type CuratedStatus } from '../answer/curated.ts';
import type { Config } from '../config.ts';
import { Lexicon } from '../text/lexicon.ts';
import { detectRegister } from '../text/normalize.ts';
import type { Answer } from '../types.ts';
import type { Engine } from './engine.ts';

/** The curated answers of `<corpus>/answers`, matched with the shipped lexicon. */
export function openCurated(config: Pick<Config, 'loop'>, lexicon: Lexicon = Lexicon.load()): CuratedAnswers {
  return CuratedAnswers.load(config.loop.curatedDir, { minSimilarity: config.loop.curatedMinSimilarity, lexicon });
}

/** A full Answer when a curated one applies to `question` on this engine's snapshot; undefined otherwise. */
export function curatedAnswerFor(curated: CuratedAnswers | undefined, engine: Engine, question: string): Answer | undefined {
  const q = question.trim();
  if (!curated?.size || !q) return undefined;
  const t0 = performance.now();
  const register = detectRegister(q);
  const draft = curated.answerFor(engine, q, register);
  if (!draft) return undefined;
  const ms = Math.round((performance.now() - t0) * 100) / 100;
  return { question, answer: draft.answer, found: true, citations: draft.citations, register, source: 'curated', timings: { retrieve_ms: 0, answer_ms: ms } };
}

/** Withdrawn curated answers against the engine's snapshot, for the report and the refresh summary. */
export function curatedStatus(curated: CuratedAnswers, engine: Engine): CuratedStatus {
  return curated.status(engine);
}
