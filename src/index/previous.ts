// Serving through a damaged live snapshot: the bot must not stop (exit 66) because the files of the live
// snapshot were damaged after a refresh made it live. The newest earlier snapshot that still loads and passes its
// checksums is served instead, with a clear message; the next refresh rebuilds the live one.
import { join } from 'node:path';
import { SnapshotDamagedError } from '../errors.ts';
import type { EmbeddingInfo } from './embeddings/types.ts';
import { currentSnapshotName, type LoadedSnapshot, loadSnapshot, loadSnapshotAt, snapshotNames, snapshotsDir } from './snapshot.ts';

export interface Fallback {
  /** The live snapshot that is damaged, and why. */
  damaged: string;
  error: SnapshotDamagedError;
  /** The earlier snapshot served instead. */
  served: string;
}

/** The live snapshot; when it is damaged, the newest earlier good one (`onFallback` says which). */
export function loadSnapshotOrPrevious(indexDir: string, expected: EmbeddingInfo, onFallback: (f: Fallback) => void): LoadedSnapshot {
  try {
    return loadSnapshot(indexDir, expected);
  } catch (err) {
    if (!(err instanceof SnapshotDamagedError)) throw err;
    const live = currentSnapshotName(indexDir);
    const earlier = snapshotNames(indexDir)
      .filter((n) => n !== live && (!live || n < live))
      .reverse();
    for (const name of earlier) {
      try {
        const snap = loadSnapshotAt(join(snapshotsDir(indexDir), name), expected);
        onFallback({ damaged: live ?? '?', error: err, served: name });
        return snap;
      } catch {
        // damaged or incompatible as well: try the one before
      }
    }
    throw err;
  }
}
