// `wenzheng bench`: speed, size and memory of ours beside the baselines at 1x/10x/100x the shipped corpus,
// printed as Markdown and written to results/ with an SVG chart.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config.ts';
import { ConfigError } from '../errors.ts';
import { benchChart } from '../measure/bench/chart.ts';
import { renderBench } from '../measure/bench/report.ts';
import { runBench } from '../measure/bench/run.ts';
import { loadGolden } from '../measure/eval/golden.ts';
import { parse, withPaths } from './args.ts';

export const benchHelp = `wenzheng bench [--quick] [--corpus DIR] [--golden FILE] [--out DIR] [--distinct SCALES] [--pool DIR]
  Ingest throughput, index size, memory, search/ask latency, hit@5 and cold start of ours and of the baselines
  (SQLite FTS5 trigram, brute-force vectors, a LangChain-style pipeline) at 1x, 10x and 100x the corpus (copies)
  and 100x in distinct text, each system in its own process; ours also times a no-change refresh. Writes
  OUT/bench.md, OUT/bench.json and OUT/bench.svg (default OUT: results).
  --quick             1x and 10x copies only, each golden question timed once (instead of three times)
  --distinct SCALES   the distinct-text points, e.g. 100,1000 (default 100; 0 for none). 1000x is ~33 M
                      characters: about 15 minutes on 2 cores, and several GB of memory
  --pool DIR          the documents whose sentences the distinct text recombines (default ../shared/corpora
                      beside the project when it is there, else the corpus)`;

export async function runBenchCommand(argv: string[], base: Config): Promise<number> {
  const { values } = parse(argv, {
    quick: { type: 'boolean' },
    golden: { type: 'string' },
    out: { type: 'string' },
    distinct: { type: 'string' },
    pool: { type: 'string' },
  });
  if (values.help) return (void console.log(benchHelp), 0);
  const config = withPaths(base, values);
  const quick = Boolean(values.quick);
  const golden = loadGolden(resolve(typeof values.golden === 'string' ? values.golden : 'eval/golden.jsonl'));
  const distinct = distinctScales(values.distinct, quick ? [] : [100]);
  const shared = resolve(PROJECT, '../shared/corpora');
  const poolDir = typeof values.pool === 'string' ? resolve(values.pool) : existsSync(shared) ? shared : config.corpusDir;
  const result = await runBench(config, {
    scales: quick ? [1, 10] : [1, 10, 100],
    synthetic: distinct,
    poolDir,
    passes: quick ? 1 : 3,
    golden,
    progress: (msg) => process.stderr.write(`bench: ${msg}\n`),
  });
  const settings = `CHUNK_SIZE=${config.chunk.size} CHUNK_OVERLAP=${config.chunk.overlap} EMBEDDINGS_DIM=${config.embeddings.dim} TOP_K=${config.retrieve.topK}`;
  const flags = [quick ? '--quick' : '', values.distinct !== undefined ? `--distinct ${values.distinct}` : '', values.pool ? '--pool DIR' : ''].filter(Boolean);
  const pool = distinct.length ? `; distinct text from the sentences of ${relative(PROJECT, poolDir) || '.'}` : '';
  const report = renderBench(result, `npm run bench${flags.length ? ` -- ${flags.join(' ')}` : ''}`, settings + pool);
  const out = resolve(typeof values.out === 'string' ? values.out : 'results');
  const name = quick ? 'bench-quick' : 'bench';
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, `${name}.md`), report);
  writeFileSync(join(out, `${name}.json`), JSON.stringify(result, null, 1) + '\n');
  writeFileSync(join(out, `${name}.svg`), benchChart(result.figures));
  console.log(report);
  return result.errors.length ? 1 : 0;
}

const PROJECT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function distinctScales(raw: unknown, fallback: number[]): number[] {
  if (typeof raw !== 'string') return fallback;
  const scales = raw.split(',').map((x) => Number(x.trim()));
  if (scales.some((n) => !Number.isInteger(n) || n < 0)) {
    throw new ConfigError(`--distinct takes scales such as 100,1000, not ${raw}`, { hint: 'give whole numbers separated by commas, or 0 for none' });
  }
  return scales.filter((n) => n > 0);
}
