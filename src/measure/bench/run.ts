// The bench use case: replicate the shipped corpus to 1x/10x/100x (copies with distinct ids) and, for the
// largest points, make corpora of distinct text (synthetic.ts); run every system at every point in its own child
// process, and collect the figures.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../../config.ts';
import { loadCorpus } from '../../corpus/load.ts';
import { WenzhengError } from '../../errors.ts';
import type { GoldenItem } from '../eval/golden.ts';
import { BENCH_SYSTEMS, type BenchFigures, type BenchJob, type CorpusKind } from './jobs.ts';
import { synthesizeCorpus } from './synthetic.ts';

export interface BenchOptions {
  /** Scales made of copies of the corpus. */
  scales: number[];
  /** Scales made of distinct text: the corpus once plus recombined sentences of `poolDir`. */
  synthetic?: number[];
  /** Where the synthetic corpora's sentences come from (default: the corpus itself). */
  poolDir?: string;
  /** How many times the golden questions are timed (each pass times every question once). */
  passes: number;
  golden: GoldenItem[];
  progress: (msg: string) => void;
}

export interface BenchResult {
  figures: BenchFigures[];
  errors: string[];
  seconds: number;
}

const WORKER = join(dirname(fileURLToPath(import.meta.url)), 'worker.ts');
const PROJECT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Copy the corpus `factor` times into `dir`, as r000/…, r001/…: distinct paths, hence distinct ids. */
export function replicateCorpus(corpusDir: string, dir: string, factor: number): string {
  for (let i = 0; i < factor; i++) cpSync(corpusDir, join(dir, `r${String(i).padStart(3, '0')}`), { recursive: true });
  return dir;
}

export async function runBench(config: Config, opts: BenchOptions): Promise<BenchResult> {
  const t0 = performance.now();
  const tmp = mkdtempSync(join(tmpdir(), 'wenzheng-bench-'));
  const figures: BenchFigures[] = [];
  const errors: string[] = [];
  const questions = Array.from({ length: opts.passes }, () => opts.golden.map((g) => g.question)).flat();
  const golden = opts.golden.filter((g) => g.expect === 'answer').map((g) => ({ question: g.question, cite: g.cite }));
  const points: { scale: number; kind: CorpusKind }[] = [
    ...opts.scales.map((scale) => ({ scale, kind: 'copies' as const })),
    ...(opts.synthetic ?? []).map((scale) => ({ scale, kind: 'distinct' as const })),
  ];
  try {
    for (const { scale, kind } of points) {
      const label = `${scale}x${kind === 'distinct' ? ' distinct' : ''}`;
      let corpusDir = config.corpusDir;
      if (kind === 'distinct') {
        opts.progress(`making ${label} from the sentences of ${opts.poolDir ?? config.corpusDir}`);
        const base = await loadCorpus(config.corpusDir);
        const baseChars = base.docs.reduce((n, d) => n + d.text.length, 0);
        const banned = golden.flatMap((g) => g.cite.map((c) => c.text));
        const made = await synthesizeCorpus({
          baseDir: config.corpusDir,
          poolDir: opts.poolDir ?? config.corpusDir,
          outDir: join(tmp, `corpus-${scale}x-distinct`),
          targetChars: baseChars * scale,
          banned,
        });
        corpusDir = made.dir;
      } else if (scale !== 1) corpusDir = replicateCorpus(config.corpusDir, join(tmp, `corpus-${scale}x`), scale);
      for (const system of BENCH_SYSTEMS) {
        opts.progress(`${system} at ${label}`);
        const job: BenchJob = { system, scale, kind, corpusDir, workDir: join(tmp, `${system}-${scale}x-${kind}`), questions, golden };
        mkdirSync(job.workDir, { recursive: true });
        try {
          figures.push(runChild(job));
        } catch (err) {
          errors.push(`${system} at ${label}: ${(err as Error).message}`);
        }
        rmSync(job.workDir, { recursive: true, force: true });
      }
      if (corpusDir !== config.corpusDir) rmSync(corpusDir, { recursive: true, force: true });
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return { figures, errors, seconds: (performance.now() - t0) / 1000 };
}

function runChild(job: BenchJob): BenchFigures {
  const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', WORKER, JSON.stringify(job)], {
    cwd: PROJECT,
    env: process.env,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  const last = child.stdout?.trim().split('\n').pop();
  if (child.status !== 0 || !last) {
    throw new WenzhengError(`the bench child failed (exit ${child.status}): ${(child.stderr ?? '').trim().split('\n').slice(-3).join(' ')}`);
  }
  return JSON.parse(last) as BenchFigures;
}
