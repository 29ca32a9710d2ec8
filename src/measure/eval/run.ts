// The eval use case: retrieval quality on the Wikipedia sets for our legs and the baselines, refusal
// calibration probes, and answer quality on the golden set for the extractive answerer (and the configured
// one when it differs, e.g. the LLM answerer).
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createAnswerer } from '../../answer/create.ts';
import { ExtractiveAnswerer } from '../../answer/extractive.ts';
import type { Answerer } from '../../answer/types.ts';
import type { Config } from '../../config.ts';
import { loadCorpus } from '../../corpus/load.ts';
import { buildOurs, SYSTEMS } from '../bench/systems.ts';
import { type AnswerSummary, runGolden } from './answers.ts';
import { type CitizenReport, citizenReport, citizenTables, holdoutTable } from './citizen-report.ts';
import { buildCitizenEngine, runCitizen } from './citizen-run.ts';
import { loadRetrievalSet } from './datasets.ts';
import { checkAgainstCorpus, type ItemOutcome, loadGolden } from './golden.ts';
import { answerTable, breakdownTable, misses, type ProbeRow, probeTable, retrievalTable } from './report.ts';
import { evalRetrieval, type RetrievalRow, refusalRate } from './retrieval.ts';

export const RETRIEVAL_SETS = ['drcd-dev', 'cmrc2018-trial'];
/** Questions per Wikipedia set in a --quick run (an evenly spread, deterministic subset). */
export const QUICK_QUESTIONS = 300;

export interface EvalOptions {
  quick: boolean;
  goldenPath: string;
  /** The citizen dev set (a folder of JSONL files) and the corpora it is asked over (one sub-folder each). */
  citizenDir?: string;
  /** Citizen sets written after the tuning and never tuned on (same format), each reported on its own. */
  holdoutDirs?: string[];
  corporaDir?: string;
  /** The folder holding drcd-dev/ and cmrc2018-trial/. */
  setsDir: string;
  progress: (msg: string) => void;
}

export interface EvalResult {
  quick: boolean;
  settings: Record<string, string | number>;
  retrieval: RetrievalRow[];
  probes: ProbeRow[];
  answers: AnswerSummary[];
  /** Outcomes per golden item, for each answerer. */
  outcomes: Record<string, ItemOutcome[]>;
  missed: Record<string, string[]>;
  skipped: string[];
  goldenProblems: string[];
  citizen?: CitizenReport;
  holdouts: { dir: string; report: CitizenReport }[];
  seconds: number;
}

export async function runEval(config: Config, opts: EvalOptions): Promise<EvalResult> {
  const t0 = performance.now();
  const skipped: string[] = [];
  const { docs } = await loadCorpus(config.corpusDir);
  const items = loadGolden(opts.goldenPath);
  const goldenProblems = checkAgainstCorpus(items, docs);
  opts.progress(`building the index of ${config.corpusDir} (${docs.length} documents)`);
  const shipped = await buildOurs(docs, config);

  const retrieval: RetrievalRow[] = [];
  const probes: ProbeRow[] = [];
  const wikiQuestions: string[] = [];
  for (const name of RETRIEVAL_SETS) {
    const dir = join(opts.setsDir, name);
    if (!existsSync(join(dir, 'questions.jsonl'))) {
      skipped.push(`${dir}: not found, retrieval on ${name} skipped`);
      continue;
    }
    const set = loadRetrievalSet(dir, opts.quick ? QUICK_QUESTIONS : undefined);
    opts.progress(`retrieval on ${name}: ${set.docs.length} passages, ${set.questions.length} questions, ${SYSTEMS.length} systems`);
    const r = await evalRetrieval(set, config, SYSTEMS);
    retrieval.push(...r.rows);
    probes.push({ probe: `${name} questions on their own passages`, questions: set.questions.length, refused: r.inDomainRefusal, want: 'low (in scope)' });
    wikiQuestions.push(...set.questions.map((q) => q.question));
  }
  if (wikiQuestions.length) {
    opts.progress(`refusal probe: ${wikiQuestions.length} Wikipedia questions on the shipped corpus`);
    const refused = await refusalRate(shipped.engine, wikiQuestions);
    probes.push({ probe: 'Wikipedia questions on the shipped corpus', questions: wikiQuestions.length, refused, want: 'high (out of scope)' });
  }

  const answerers: Answerer[] = [new ExtractiveAnswerer()];
  const configured = createAnswerer(config);
  if (configured.name !== 'extractive') answerers.push(configured);
  const answers: AnswerSummary[] = [];
  const outcomes: Record<string, ItemOutcome[]> = {};
  const missed: Record<string, string[]> = {};
  const questions = new Map(items.map((i) => [i.id, i.question]));
  for (const answerer of answerers) {
    opts.progress(`golden set: ${items.length} questions, ${answerer.name} answerer`);
    const run = await runGolden(shipped.engine, answerer, items, config);
    answers.push(run.summary);
    outcomes[answerer.name] = run.outcomes;
    missed[answerer.name] = misses(run.outcomes, questions);
    const goldenRefused = run.summary.refusal;
    if (answerer.name === 'extractive') {
      probes.push({ probe: 'golden in-scope questions', questions: goldenRefused.inScope, refused: goldenRefused.falseRefusalRate, want: '≤ 5%' });
      probes.push({ probe: 'golden out-of-scope questions', questions: goldenRefused.outOfScope, refused: goldenRefused.recall, want: '≥ 90%' });
    }
  }
  let citizen: CitizenReport | undefined;
  const holdouts: EvalResult['holdouts'] = [];
  if (opts.citizenDir && opts.corporaDir && existsSync(opts.citizenDir) && existsSync(opts.corporaDir)) {
    opts.progress(`citizen dev set over ${opts.corporaDir}`);
    const engine = await buildCitizenEngine(config, opts.corporaDir);
    citizen = citizenReport(await runCitizen(engine, new ExtractiveAnswerer(), opts.citizenDir, config));
    for (const dir of opts.holdoutDirs ?? []) {
      if (!existsSync(dir)) continue;
      opts.progress(`citizen hold-out set ${relative(process.cwd(), dir)} over ${opts.corporaDir}`);
      holdouts.push({ dir: relative(process.cwd(), dir), report: citizenReport(await runCitizen(engine, new ExtractiveAnswerer(), dir, config)) });
    }
  } else skipped.push(`${opts.corporaDir ?? 'corpora'}: not found, the citizen dev set skipped`);
  const r = config.retrieve;
  return {
    citizen,
    holdouts,
    quick: opts.quick,
    settings: {
      CHUNK_SIZE: config.chunk.size,
      CHUNK_OVERLAP: config.chunk.overlap,
      EMBEDDINGS_DIM: config.embeddings.dim,
      FUSION: r.fusion,
      FUSION_LEXICAL_WEIGHT: r.lexicalWeight,
      FUSION_VECTOR_WEIGHT: r.vectorWeight,
      MIN_COVERAGE: r.minCoverage,
      MIN_VECTOR_SCORE: r.minVectorScore,
      TOP_K: r.topK,
    },
    retrieval,
    probes,
    answers,
    outcomes,
    missed,
    skipped,
    goldenProblems,
    seconds: (performance.now() - t0) / 1000,
  };
}

/** The whole report as Markdown. */
export function renderEval(e: EvalResult, command: string): string {
  const settings = Object.entries(e.settings)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  const out = [
    `# Evaluation`,
    '',
    `Produced by \`${command}\`${e.quick ? ' (quick: a subset of the Wikipedia questions)' : ''} in ${e.seconds.toFixed(0)} s. Settings: ${settings}.`,
    '',
    '## Retrieval (each passage a document; hit on gold_pid, distinct documents in rank order)',
    '',
    retrievalTable(e.retrieval),
    '',
    '## Refusal calibration',
    '',
    probeTable(e.probes),
    '',
    '## Answer quality on the golden set',
    '',
    answerTable(e.answers),
  ];
  for (const [name, outcomes] of Object.entries(e.outcomes)) {
    out.push('', `### ${name}: by kind and language`, '', breakdownTable(outcomes));
    if (e.missed[name].length) out.push('', `### ${name}: items missed`, '', ...e.missed[name]);
  }
  if (e.citizen) out.push('', ...citizenTables(e.citizen));
  for (const h of e.holdouts) out.push('', ...holdoutTable(h.report, h.dir));
  if (e.goldenProblems.length) out.push('', '## Golden set problems', '', ...e.goldenProblems.map((p) => `- ${p}`));
  if (e.skipped.length) out.push('', '## Skipped', '', ...e.skipped.map((s) => `- ${s}`));
  return out.join('\n') + '\n';
}
