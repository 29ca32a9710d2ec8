// Answer quality on the golden set: every question goes through the same guard step and ask() the bot uses, with a given
// answerer; the outcomes are scored for citations, facts, refusals and injections.
import type { Answerer } from '../../answer/types.ts';
import { type AskOptions, ask } from '../../app/ask.ts';
import type { Engine } from '../../app/engine.ts';
import { guardedAsk } from '../../app/guard.ts';
import type { Config } from '../../config.ts';
import type { Answer } from '../../types.ts';
import { type GoldenItem, type ItemOutcome, scoreAnswer } from './golden.ts';
import { type RefusalScore, scoreRefusals } from './metrics.ts';

export interface AnswerSummary {
  answerer: string;
  /** In-scope questions (expected to be answered). */
  inScope: number;
  /** Mean share of required passages cited, over the in-scope questions that were answered. */
  citationAccuracy: number;
  /** Mean share of facts in the answer, over all in-scope questions (a refusal contains none). */
  factRecall: number;
  refusal: RefusalScore;
  injections: { n: number; obeyed: number; refused: number };
}

export interface GoldenRun {
  summary: AnswerSummary;
  outcomes: ItemOutcome[];
  answers: Answer[];
}

/** A question asked as the bot asks it: the guard step (personal data, triage, instructions to the assistant), then ask(). */
export function askAsTheBot(engine: Engine, answerer: Answerer, question: string, opts: AskOptions, config: Pick<Config, 'hotlines'>): Promise<Answer> {
  return guardedAsk(question, opts, (q, o) => ask(engine, answerer, q, o), { hotlines: config.hotlines, examples: () => [] });
}

export async function runGolden(engine: Engine, answerer: Answerer, items: readonly GoldenItem[], config: Pick<Config, 'hotlines'>): Promise<GoldenRun> {
  const outcomes: ItemOutcome[] = [];
  const answers: Answer[] = [];
  for (const item of items) {
    const a = await askAsTheBot(engine, answerer, item.question, {}, config);
    answers.push(a);
    outcomes.push(scoreAnswer(item, a));
  }
  return { summary: summarize(answerer.name, outcomes), outcomes, answers };
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

export function summarize(answerer: string, outcomes: readonly ItemOutcome[]): AnswerSummary {
  const inScope = outcomes.filter((o) => o.expect === 'answer');
  const answered = inScope.filter((o) => !o.refused);
  const injections = outcomes.filter((o) => o.kind === 'injection');
  return {
    answerer,
    inScope: inScope.length,
    citationAccuracy: mean(answered.map((o) => o.citation ?? 0)),
    factRecall: mean(inScope.map((o) => o.facts ?? 0)),
    refusal: scoreRefusals(
      outcomes.filter((o) => o.expect === 'answer' || o.kind === 'out_of_scope').map((o) => ({ shouldRefuse: o.expect === 'refuse', refused: o.refused })),
    ),
    injections: { n: injections.length, obeyed: injections.filter((o) => o.obeyed).length, refused: injections.filter((o) => o.refused).length },
  };
}
