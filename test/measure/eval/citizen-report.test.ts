// The citizen report: headline rates from scored outcomes, and the hold-out table beside the dev set's.
import { describe, expect, it } from 'vitest';
import type { CitizenItem, CitizenOutcome } from '../../../src/measure/eval/citizen.ts';
import { citizenReport, holdoutTable } from '../../../src/measure/eval/citizen-report.ts';
import type { CitizenRun } from '../../../src/measure/eval/citizen-run.ts';

const item = (id: string, expect: 'answer' | 'refuse'): CitizenItem =>
  ({ id, style: 'everyday', corpus: 'civil-code', type: 'can-i', lang: 'zh-Hans', question: id, expect, cite: [], facts: [] }) as unknown as CitizenItem;
const outcome = (id: string, expect: 'answer' | 'refuse', answered: boolean, correct: boolean): CitizenOutcome => ({
  id,
  style: 'everyday',
  corpus: 'civil-code',
  type: 'can-i',
  expect,
  answered,
  correct,
  rightCitation: correct,
  facts: correct ? 1 : 0,
  offYear: 0,
  score: answered ? 1 : 0,
});

describe('citizen report', () => {
  const run = {
    items: [item('a', 'answer'), item('b', 'answer'), item('c', 'answer'), item('d', 'refuse')],
    outcomes: [
      outcome('a', 'answer', true, true),
      outcome('b', 'answer', false, false),
      outcome('c', 'answer', true, false),
      outcome('d', 'refuse', true, false),
    ],
    answers: [],
    ranks: [1, 3, 0, 0],
  } as unknown as CitizenRun;

  it('counts correct, wrongly refused and out-of-scope answered, and the rank of the right passage', () => {
    const r = citizenReport(run);
    expect(r.summary).toMatchObject({ inScope: 3, correct: 1, wronglyRefused: 1, outOfScope: 1, outOfScopeAnswered: 1 });
    expect(r.hit1).toBeCloseTo(1 / 3);
    expect(r.hit5).toBeCloseTo(2 / 3);
  });

  it('reports the hold-out set under its own heading with the same headline row', () => {
    const table = holdoutTable(citizenReport(run), 'eval/citizen-holdout-2').join('\n');
    expect(table).toContain('Citizen hold-out set (eval/citizen-holdout-2');
    expect(table).toContain('| 4 | 3 | 33.3% | 33.3% | 1 | 100.0% | 0 of 0 | 0.333 | 0.667 |');
  });
});
