// `wenzheng eval`: retrieval and answer quality, printed as Markdown tables and written to results/.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Config } from '../config.ts';
import { QUICK_QUESTIONS, renderEval, runEval } from '../measure/eval/run.ts';
import { parse, withPaths } from './args.ts';

export const evalHelp = `wenzheng eval [--quick] [--corpus DIR] [--golden FILE] [--sets DIR] [--out DIR]
  Retrieval hit@1/hit@5/MRR@10 on the Wikipedia sets (our legs and the baselines), refusal calibration, and
  answer quality on the golden set. Writes OUT/eval.md and OUT/eval.json (default OUT: results).
  --quick   ${QUICK_QUESTIONS} questions per Wikipedia set instead of all
  --golden  the golden set (default eval/golden.jsonl)
  --sets    the folder with drcd-dev/ and cmrc2018-trial/ (default ../shared/eval)
  The citizen dev set (eval/citizen/*.jsonl) and the hold-out sets (eval/citizen-holdout*/*.jsonl, never tuned on)
  are asked over the corpora in ../shared/corpora, all together.`;

export async function runEvalCommand(argv: string[], base: Config): Promise<number> {
  const { values } = parse(argv, {
    quick: { type: 'boolean' },
    golden: { type: 'string' },
    sets: { type: 'string' },
    out: { type: 'string' },
  });
  if (values.help) return (void console.log(evalHelp), 0);
  const config = withPaths(base, values);
  const quick = Boolean(values.quick);
  const result = await runEval(config, {
    quick,
    goldenPath: resolve(typeof values.golden === 'string' ? values.golden : 'eval/golden.jsonl'),
    setsDir: resolve(typeof values.sets === 'string' ? values.sets : '../shared/eval'),
    citizenDir: resolve('eval/citizen'),
    holdoutDirs: existsSync(resolve('eval'))
      ? readdirSync(resolve('eval'))
          .filter((d) => d.startsWith('citizen-holdout'))
          .sort()
          .map((d) => resolve('eval', d))
      : [],
    corporaDir: resolve('../shared/corpora'),
    progress: (msg) => process.stderr.write(`eval: ${msg}\n`),
  });
  const report = renderEval(result, `npm run eval${quick ? ' -- --quick' : ''}`);
  const out = resolve(typeof values.out === 'string' ? values.out : 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, quick ? 'eval-quick.md' : 'eval.md'), report);
  writeFileSync(join(out, quick ? 'eval-quick.json' : 'eval.json'), JSON.stringify(result, null, 1) + '\n');
  console.log(report);
  // A golden item whose passage is gone from the corpus makes every figure suspect.
  return result.goldenProblems.length ? 1 : 0;
}
