// `wenzheng ingest`: a full rebuild of the index from the corpus (chunks, embeddings, and the hash embedding's
// IDF refitted), with per-file progress and a summary. `refresh` is the incremental form.

import { ingest } from '../app/ingest.ts';
import type { Config } from '../config.ts';
import { parse, withPaths } from './args.ts';
import { ProgressBar } from './progress.ts';
import { exitCodeOf, lockWaitMs, printReport, sayWaitingForLock } from './report.ts';

export const ingestHelp = `wenzheng ingest [--corpus DIR] [--index DIR] [--wait SECONDS] [--allow-shrink]
  Build the index from every supported file in the corpus: a full rebuild that re-embeds everything and
  refits the offline embedding. Use \`refresh\` to embed only what changed.
  --allow-shrink  publish even if the corpus lost all its documents or more than REFRESH_MAX_SHRINK of them
  exit code: 0 done, 2 done but some files (or lines) were skipped, 65 refused: the corpus shrank,
  75 another refresh holds the index`;

export async function runIngest(argv: string[], base: Config): Promise<number> {
  const { values } = parse(argv, { wait: { type: 'string' }, 'allow-shrink': { type: 'boolean' } });
  if (values.help) return (void console.log(ingestHelp), 0);
  const config = withPaths(base, values);
  const bar = new ProgressBar();
  console.log(`ingesting ${config.corpusDir} -> ${config.indexDir}`);
  const report = await ingest(config, {
    corpusDir: config.corpusDir,
    indexDir: config.indexDir,
    mode: 'full',
    lockWaitMs: lockWaitMs(values.wait),
    allowShrink: values['allow-shrink'] === true,
    onLockWait: sayWaitingForLock,
    onFile: (e) => {
      if (e.kind === 'loaded') console.log(`  ok      ${e.path} (${e.docs} doc${e.docs > 1 ? 's' : ''}, ${e.chars} chars)`);
    },
    onProgress: (p) => bar.update(p),
  });
  bar.finishLine();
  printReport(report, { skipped: true });
  return exitCodeOf(report);
}
