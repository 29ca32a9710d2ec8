// `wenzheng refresh`: bring the index up to date with the corpus, embedding only what changed, and switch
// the new snapshot live atomically. `--dry-run` prints the plan only.

import { ingest } from '../app/ingest.ts';
import type { Config } from '../config.ts';
import { parse, withPaths } from './args.ts';
import { ProgressBar } from './progress.ts';
import { exitCodeOf, lockWaitMs, printPlan, printReport, sayWaitingForLock } from './report.ts';

export const refreshHelp = `wenzheng refresh [--corpus DIR] [--index DIR] [--dry-run] [--wait SECONDS] [--allow-shrink] [--reread]
  Update the index incrementally: unchanged documents keep their chunks and embeddings, new and changed ones
  are embedded, removed ones disappear. Without an index it builds one.
  --dry-run       print what would be added, changed, removed and kept; write nothing
  --wait SECONDS  wait this long for another ingest/refresh to finish before refusing (default 60)
  --allow-shrink  publish even if the corpus lost all its documents or more than REFRESH_MAX_SHRINK of them
  --reread        read every file: by default a file whose size and modification time are those recorded when it
                  was indexed is taken as unchanged without reading it (an edit that kept both, e.g. a tool that
                  resets the time, needs --reread; \`wenzheng ingest\` rebuilds everything)
  A damaged live snapshot (checksums differ) is rebuilt from the corpus.
  exit code: 0 done, 2 done but some files (or lines) were skipped, 65 refused: the corpus shrank,
  75 another refresh holds the index`;

export async function runRefresh(argv: string[], base: Config): Promise<number> {
  const { values } = parse(argv, {
    'dry-run': { type: 'boolean' },
    wait: { type: 'string' },
    'allow-shrink': { type: 'boolean' },
    reread: { type: 'boolean' },
  });
  if (values.help) return (void console.log(refreshHelp), 0);
  const config = withPaths(base, values);
  const dryRun = values['dry-run'] === true;
  const bar = new ProgressBar();
  console.log(`${dryRun ? 'planning a refresh of' : 'refreshing'} ${config.corpusDir} -> ${config.indexDir}`);
  const report = await ingest(config, {
    corpusDir: config.corpusDir,
    indexDir: config.indexDir,
    mode: 'incremental',
    dryRun,
    lockWaitMs: lockWaitMs(values.wait),
    allowShrink: values['allow-shrink'] === true,
    reread: values.reread === true,
    onLockWait: sayWaitingForLock,
    onPlan: (p) => {
      bar.finishLine();
      printPlan(p);
    },
    onProgress: (p) => bar.update(p),
  });
  bar.finishLine();
  if (dryRun) {
    console.log(report.upToDate ? 'dry run: the index is up to date' : `dry run: nothing written; ${report.embedded} chunks would be embedded`);
  } else {
    printReport(report);
  }
  return exitCodeOf(report);
}
