// `wenzheng ingest`: build the index from the corpus, a full rebuild, with per-file progress and a summary.
import type { Config } from '../config.ts';
import { ingest } from '../ingest.ts';
import { parse, withPaths } from './args.ts';
import { printReport } from './report.ts';

export const ingestHelp = `wenzheng ingest [--corpus DIR] [--index DIR]
  Build the index from every supported file in the corpus (a full rebuild).`;

export async function runIngest(argv: string[], base: Config): Promise<number> {
  const { values } = parse(argv, {});
  if (values.help) return void console.log(ingestHelp), 0;
  const config = withPaths(base, values);
  console.log(`ingesting ${config.corpusDir} -> ${config.indexDir}`);
  const report = await ingest(config, {
    corpusDir: config.corpusDir,
    indexDir: config.indexDir,
    mode: 'full',
    onFile: (e) =>
      console.log(e.kind === 'loaded' ? `  ok      ${e.path} (${e.docs} doc${e.docs > 1 ? 's' : ''}, ${e.chars} chars)` : `  SKIPPED ${e.path}: ${e.reason}`),
  });
  printReport(report);
  return report.skipped.length ? 2 : 0;
}
