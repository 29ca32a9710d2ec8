// The citizen dev set's figures: the headline rates, per class, retrieval hit@k, and the answer/refuse curve.

import { byClass, type CitizenSummary, refusalCurve, summarizeCitizen } from './citizen.ts';
import type { CitizenRun } from './citizen-run.ts';

export interface CitizenReport {
  summary: CitizenSummary;
  /** In-scope questions whose required passage is first, or in the first five, of the retrieved passages. */
  hit1: number;
  hit5: number;
  classes: Record<'style' | 'corpus' | 'type', Record<string, CitizenSummary>>;
  curve: ReturnType<typeof refusalCurve>;
  /** Items answered wrongly or refused wrongly, for reading (id, question). */
  misses: string[];
}

export const CURVE_THRESHOLDS = [0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.8];

export function citizenReport(run: CitizenRun): CitizenReport {
  const inScope = run.ranks.filter((_, i) => run.items[i].expect === 'answer');
  const classes = Object.fromEntries(
    (['style', 'corpus', 'type'] as const).map((k) => [k, Object.fromEntries(byClass(run.outcomes, k))]),
  ) as CitizenReport['classes'];
  return {
    summary: summarizeCitizen(run.outcomes),
    hit1: inScope.filter((r) => r === 1).length / (inScope.length || 1),
    hit5: inScope.filter((r) => r >= 1 && r <= 5).length / (inScope.length || 1),
    classes,
    curve: refusalCurve(run.outcomes, CURVE_THRESHOLDS),
    misses: run.outcomes
      .map((o, i) => ({ o, item: run.items[i] }))
      .filter(({ o }) => (o.expect === 'answer' ? !o.correct : o.answered))
      .map(({ o, item }) => `- ${item.id} (${o.expect === 'answer' ? (o.answered ? 'answered wrongly' : 'refused') : 'answered'}): ${item.question}`),
  };
}

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : '–');

function classTable(rows: Record<string, CitizenSummary>): string[] {
  const out = [
    '| class | in scope | correct | wrongly refused | out of scope | out-of-scope answered | off-year answers |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const [name, s] of Object.entries(rows)) {
    out.push(
      `| ${name} | ${s.inScope} | ${pct(s.correct, s.inScope)} | ${pct(s.wronglyRefused, s.inScope)} | ${s.outOfScope} | ${pct(s.outOfScopeAnswered, s.outOfScope)} | ${s.offYearAnswers} |`,
    );
  }
  return out;
}

/** The headline table of a citizen set: the rates the issue sets targets for, and where the right passage ranks. */
function headline(c: CitizenReport): string[] {
  const s = c.summary;
  return [
    '| questions | in scope | answered correctly (right citation and every fact) | wrongly refused | out of scope | out-of-scope answered | year-named answers citing another year | retrieval hit@1 | hit@5 |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${s.n} | ${s.inScope} | ${pct(s.correct, s.inScope)} | ${pct(s.wronglyRefused, s.inScope)} | ${s.outOfScope} | ${pct(s.outOfScopeAnswered, s.outOfScope)} | ${s.offYearAnswers} of ${s.yearNamed} | ${c.hit1.toFixed(3)} | ${c.hit5.toFixed(3)} |`,
  ];
}

/** The hold-out set's headline row: written after the tuning, it says how the tuning generalises. */
export function holdoutTable(c: CitizenReport, dir = 'eval/citizen-holdout'): string[] {
  return [
    `## Citizen hold-out set (${dir}: written after the tuning, never tuned on)`,
    '',
    ...headline(c),
    '',
    `### Hold-out (${dir}): by style`,
    '',
    ...classTable(c.classes.style),
  ];
}

export function citizenTables(c: CitizenReport): string[] {
  return [
    '## Citizen dev set (eval/citizen, everyday questions over all shipped corpora together)',
    '',
    ...headline(c),
    '',
    '### Answer/refuse trade-off (answerability threshold; the live one is MIN_COVERAGE)',
    '',
    '| threshold | in-scope refused | out-of-scope answered |',
    '| ---: | ---: | ---: |',
    ...c.curve.map((p) => `| ${p.threshold} | ${(100 * p.wronglyRefused).toFixed(1)}% | ${(100 * p.outOfScopeAnswered).toFixed(1)}% |`),
    '',
    '### By style',
    '',
    ...classTable(c.classes.style),
    '',
    '### By corpus',
    '',
    ...classTable(c.classes.corpus),
    '',
    '### By question type',
    '',
    ...classTable(c.classes.type),
    '',
    '### Missed',
    '',
    ...c.misses,
  ];
}
