// `wenzheng bench`: speed, size and memory of ours beside the baselines at 1x/10x/100x the shipped corpus,
// printed as Markdown and written to results/ with an SVG chart.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Config } from '../config.ts';
import { benchChart } from '../measure/bench/chart.ts';
import { renderBench } from '../measure/bench/report.ts';
import { runBench } from '../measure/bench/run.ts';
import { loadGolden } from '../measure/eval/golden.ts';
import { parse, withPaths } from './args.ts';

export const benchHelp = `wenzheng bench [--quick] [--corpus DIR] [--golden FILE] [--out DIR]
  Ingest throughput, index size, memory, search/ask latency and hit@5 of ours and of the baselines (SQLite FTS5
  trigram, brute-force vectors, a LangChain-style pipeline) at 1x, 10x and 100x the corpus, each system in its
  own process. Writes OUT/bench.md, OUT/bench.json and OUT/bench.svg (default OUT: results).
  --quick   1x and 10x only, each golden question timed once (instead of three times)`;

export async function runBenchCommand(argv: string[], base: Config): Promise<number> {
  const { values } = parse(argv, { quick: { type: 'boolean' }, golden: { type: 'string' }, out: { type: 'string' } });
  if (values.help) return (void console.log(benchHelp), 0);
  const config = withPaths(base, values);
  const quick = Boolean(values.quick);
  const golden = loadGolden(resolve(typeof values.golden === 'string' ? values.golden : 'eval/golden.jsonl'));
  const result = await runBench(config, {
    scales: quick ? [1, 10] : [1, 10, 100],
    passes: quick ? 1 : 3,
    golden,
    progress: (msg) => process.stderr.write(`bench: ${msg}\n`),
  });
  const settings = `CHUNK_SIZE=${config.chunk.size} CHUNK_OVERLAP=${config.chunk.overlap} EMBEDDINGS_DIM=${config.embeddings.dim} TOP_K=${config.retrieve.topK}`;
  const report = renderBench(result, `npm run bench${quick ? ' -- --quick' : ''}`, settings);
  const out = resolve(typeof values.out === 'string' ? values.out : 'results');
  const name = quick ? 'bench-quick' : 'bench';
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, `${name}.md`), report);
  writeFileSync(join(out, `${name}.json`), JSON.stringify(result, null, 1) + '\n');
  writeFileSync(join(out, `${name}.svg`), benchChart(result.figures));
  console.log(report);
  return result.errors.length ? 1 : 0;
}
