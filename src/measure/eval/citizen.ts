// The citizen dev set: everyday questions over all the shipped corpora together, written the way people write
// (eval/citizen/*.jsonl). Scored per class (style, corpus, question type) so a change shows which kind of
// question moved: answered correctly with the right citation, wrongly refused, out-of-scope answered, and
// citations from a year other than the one the question names.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../../errors.ts';
import { matchForm } from '../../text/normalize.ts';
import type { Answer } from '../../types.ts';
import { factRecall } from './metrics.ts';

const itemSchema = z
  .object({
    id: z.string().min(1),
    style: z.string().min(1),
    corpus: z.string().min(1),
    type: z.string().min(1),
    lang: z.enum(['zh-Hans', 'zh-Hant', 'en']),
    question: z.string().min(1),
    previous: z.string().optional(),
    expect: z.enum(['answer', 'refuse']),
    year: z.number().int().optional(),
    article: z.number().int().optional(),
    cite: z.array(z.object({ doc: z.string().min(1), text: z.string().min(2), year: z.number().int().optional() })).default([]),
    facts: z.array(z.union([z.string().min(1), z.array(z.string().min(1)).min(1)])).default([]),
    note: z.string().optional(),
  })
  .refine((i) => i.expect === 'refuse' || i.cite.length > 0, { message: 'an item to be answered needs the passage to cite' });

export type CitizenItem = z.infer<typeof itemSchema>;

/** Every `*.jsonl` file of the folder, validated; a bad line names its file and line. */
export function loadCitizenSet(dir: string): CitizenItem[] {
  const items: CitizenItem[] = [];
  const ids = new Set<string>();
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()) {
    readFileSync(join(dir, name), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (!line.trim()) return;
        const where = `${join(dir, name)}:${i + 1}`;
        let raw: unknown;
        try {
          raw = JSON.parse(line);
        } catch (cause) {
          throw new ConfigError(`${where}: not JSON`, { cause });
        }
        const parsed = itemSchema.safeParse(raw);
        if (!parsed.success) throw new ConfigError(`${where}: ${parsed.error.issues.map((x) => `${x.path.join('.')} ${x.message}`).join('; ')}`);
        if (ids.has(parsed.data.id)) throw new ConfigError(`${where}: duplicate id ${parsed.data.id}`);
        ids.add(parsed.data.id);
        items.push(parsed.data);
      });
  }
  return items;
}

export interface CitizenOutcome {
  id: string;
  style: string;
  corpus: string;
  type: string;
  expect: 'answer' | 'refuse';
  answered: boolean;
  /** In scope: answered, a cited passage holds one of the required passages, and every fact is in the answer. */
  correct: boolean;
  rightCitation: boolean;
  facts: number;
  /** Citations from a dated document of another year than the one the question names. */
  offYear: number;
  /** The answerability score the decision was made on. */
  score: number;
  year?: number;
}

export function scoreCitizen(item: CitizenItem, answer: Answer): CitizenOutcome {
  const answered = answer.found;
  const out: CitizenOutcome = {
    id: item.id,
    style: item.style,
    corpus: item.corpus,
    type: item.type,
    expect: item.expect,
    answered,
    correct: false,
    rightCitation: false,
    facts: 0,
    offYear: 0,
    score: answer.answerability ?? (answered ? 1 : 0),
  };
  if (item.year !== undefined) out.year = item.year;
  if (!answered) return out;
  if (item.year !== undefined) out.offYear = answer.citations.filter((c) => c.year !== undefined && c.year !== item.year).length;
  if (item.expect === 'answer') {
    out.rightCitation = item.cite.some((want) =>
      answer.citations.some(
        (c) => c.doc === want.doc && (want.year === undefined || c.year === want.year) && matchForm(c.passage).includes(matchForm(want.text)),
      ),
    );
    out.facts = factRecall(answer.answer, item.facts, matchForm);
    out.correct = out.rightCitation && out.facts === 1;
  }
  return out;
}

export interface CitizenSummary {
  n: number;
  inScope: number;
  correct: number;
  wronglyRefused: number;
  outOfScope: number;
  outOfScopeAnswered: number;
  yearNamed: number;
  offYearAnswers: number;
}

export function summarizeCitizen(outcomes: readonly CitizenOutcome[]): CitizenSummary {
  const inScope = outcomes.filter((o) => o.expect === 'answer');
  const oos = outcomes.filter((o) => o.expect === 'refuse');
  return {
    n: outcomes.length,
    inScope: inScope.length,
    correct: inScope.filter((o) => o.correct).length,
    wronglyRefused: inScope.filter((o) => !o.answered).length,
    outOfScope: oos.length,
    outOfScopeAnswered: oos.filter((o) => o.answered).length,
    yearNamed: outcomes.filter((o) => o.year !== undefined).length,
    offYearAnswers: outcomes.filter((o) => o.offYear > 0).length,
  };
}

/**
 * The answer/refuse trade-off: for each threshold on the answerability score, the share of in-scope questions
 * refused and of out-of-scope questions answered (as if only the threshold decided).
 */
export function refusalCurve(
  outcomes: readonly CitizenOutcome[],
  thresholds: readonly number[],
): { threshold: number; wronglyRefused: number; outOfScopeAnswered: number }[] {
  const inScope = outcomes.filter((o) => o.expect === 'answer');
  const oos = outcomes.filter((o) => o.expect === 'refuse');
  return thresholds.map((t) => ({
    threshold: t,
    wronglyRefused: inScope.length ? inScope.filter((o) => o.score < t).length / inScope.length : 0,
    outOfScopeAnswered: oos.length ? oos.filter((o) => o.score >= t).length / oos.length : 0,
  }));
}

/** Per class (style, corpus or question type): how many, answered correctly, wrongly refused, out of scope answered. */
export function byClass(outcomes: readonly CitizenOutcome[], key: 'style' | 'corpus' | 'type'): Map<string, CitizenSummary> {
  const groups = new Map<string, CitizenOutcome[]>();
  for (const o of outcomes) groups.set(o[key], [...(groups.get(o[key]) ?? []), o]);
  return new Map([...groups].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, summarizeCitizen(v)]));
}
