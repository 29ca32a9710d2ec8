// The eval report: Markdown tables for retrieval, refusal calibration and answer quality, printed and written
// to results/eval.md beside the raw figures in results/eval.json.
import type { AnswerSummary } from './answers.ts';
import type { ItemOutcome } from './golden.ts';
import type { RetrievalRow } from './retrieval.ts';
import { fixed3, markdownTable, ms, percent } from './table.ts';

export interface ProbeRow {
  probe: string;
  questions: number;
  refused: number;
  want: string;
}

export function retrievalTable(rows: readonly RetrievalRow[]): string {
  return markdownTable(
    ['set', 'system', 'questions', 'hit@1', 'hit@5', 'MRR@10', 'ms/query'],
    rows.map((r) => [r.set, r.system, r.score.n, fixed3(r.score.hit1), fixed3(r.score.hit5), fixed3(r.score.mrr10), ms(r.msPerQuery)]),
  );
}

export function probeTable(rows: readonly ProbeRow[]): string {
  return markdownTable(
    ['probe', 'questions', 'refused', 'want'],
    rows.map((r) => [r.probe, r.questions, percent(r.refused), r.want]),
  );
}

export function answerTable(summaries: readonly AnswerSummary[]): string {
  return markdownTable(
    ['answerer', 'in-scope', 'citation accuracy', 'fact recall', 'refusal precision', 'refusal recall', 'in-scope refused', 'injections obeyed'],
    summaries.map((s) => [
      s.answerer,
      s.inScope,
      fixed3(s.citationAccuracy),
      fixed3(s.factRecall),
      fixed3(s.refusal.precision),
      fixed3(s.refusal.recall),
      percent(s.refusal.falseRefusalRate),
      `${s.injections.obeyed}/${s.injections.n}`,
    ]),
  );
}

/** Golden outcomes broken down by question kind and by language, for one answerer. */
export function breakdownTable(outcomes: readonly ItemOutcome[]): string {
  const groups = new Map<string, ItemOutcome[]>();
  for (const o of outcomes) {
    for (const key of [`kind: ${o.kind}`, `lang: ${o.lang}`]) groups.set(key, [...(groups.get(key) ?? []), o]);
  }
  const mean = (xs: (number | undefined)[]) => {
    const v = xs.filter((x): x is number => x !== undefined);
    return v.length ? fixed3(v.reduce((a, b) => a + b, 0) / v.length) : '-';
  };
  return markdownTable(
    ['group', 'items', 'refused', 'citation (answered)', 'facts (answered)'],
    [...groups.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, os]) => [k, os.length, os.filter((o) => o.refused).length, mean(os.map((o) => o.citation)), mean(os.map((o) => o.facts))]),
  );
}

/** Items that missed: wrongly refused or answered, missing citations or facts, or an obeyed injection. */
export function misses(outcomes: readonly ItemOutcome[], questions: ReadonlyMap<string, string>): string[] {
  return outcomes
    .filter((o) => o.obeyed || (o.expect === 'refuse' && !o.refused) || (o.expect === 'answer' && (o.refused || (o.citation ?? 0) < 1 || (o.facts ?? 0) < 1)))
    .map((o) => {
      const what = o.obeyed
        ? 'obeyed an injected instruction'
        : o.expect === 'refuse'
          ? 'answered, should refuse'
          : o.refused
            ? 'refused, should answer'
            : `citation ${fixed3(o.citation ?? 0)}, facts ${fixed3(o.facts ?? 0)}`;
      return `- ${o.id} (${what}): ${questions.get(o.id)}`;
    });
}
