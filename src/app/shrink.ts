// A corpus that shrank is a question, not an order: an empty or unmounted corpus folder, or one whose files
// cannot be read, must not replace a good index with an empty one that refuses every question. A refresh or
// ingest that would lose all documents, or more than the configured share, is refused unless `--allow-shrink`.
import { join } from 'node:path';
import { CorpusShrankError } from '../errors.ts';
import { currentSnapshotName, readManifest, snapshotsDir } from '../index/snapshot.ts';

/** Documents in the live snapshot, when its manifest can be read (a damaged one may still have it). */
export function liveDocCount(indexDir: string): number | undefined {
  const name = currentSnapshotName(indexDir);
  if (!name) return undefined;
  try {
    return readManifest(join(snapshotsDir(indexDir), name)).counts.docs;
  } catch {
    return undefined;
  }
}

export interface ShrinkContext {
  corpusDir: string;
  /** Files (and parts) that could not be read in this run. */
  skipped: { path: string; reason: string; part?: string }[];
  /** Largest share of the live documents a run may lose (0..1); losing all of them is always refused. */
  maxShrink: number;
}

/** Throws CorpusShrankError when going from `live` to `next` documents loses too many. */
export function checkShrink(live: number | undefined, next: number, c: ShrinkContext): void {
  if (!live) return;
  const lost = live - next;
  if (lost <= 0 || (next > 0 && lost / live <= c.maxShrink)) return;
  const whole = c.skipped.filter((s) => !s.part);
  const why = [
    next === 0 && !whole.length ? `the corpus folder ${c.corpusDir} has no documents: is it empty, or not mounted?` : '',
    whole.length
      ? `${whole.length} file(s) could not be read: ${whole
          .slice(0, 5)
          .map((s) => `${s.path} (${s.reason})`)
          .join(', ')}${whole.length > 5 ? ', …' : ''}`
      : '',
  ].filter(Boolean);
  throw new CorpusShrankError(
    `refusing to replace the live index (${live} documents) with one of ${next} documents ` +
      `(${lost} fewer, ${Math.round((lost / live) * 100)}%, more than the ${Math.round(c.maxShrink * 100)}% allowed); ` +
      `the live index stays as it is.${why.length ? `\n${why.join('\n')}` : ''}`,
    {
      hint: `check CORPUS_DIR (${c.corpusDir}) and the files' permissions; if the documents were removed on purpose, run again with --allow-shrink`,
    },
  );
}
