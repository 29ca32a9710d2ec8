// Pruning the snapshots directory: leftovers of interrupted writes and snapshots beyond KEEP_SNAPSHOTS.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { currentSnapshotName, SNAPSHOT_NAME, snapshotsDir } from './layout.ts';
import { isAlive } from './lock.ts';

/** The pid in a snapshot or temp name (`<stamp>-<pid>-<n>`, `CURRENT.tmp-<pid>`, `.lock.<pid>-<token>`). */
function writerPid(name: string): number {
  return Number(/(?:^|[-.])(\d+)-[0-9a-z]+$/.exec(name)?.[1] ?? /tmp-(\d+)$/.exec(name)?.[1] ?? NaN);
}

/**
 * Remove leftovers of interrupted writes (temp dirs and files of dead writers, snapshots renamed into place
 * but never made live) and all but the newest `keep` snapshots. Never the live one, nor the one live just
 * before it: a reader may have resolved CURRENT an instant before the switch and be loading it now.
 */
export function pruneSnapshots(indexDir: string, keep: number, own?: string): void {
  const root = snapshotsDir(indexDir);
  if (!existsSync(root)) return;
  const gone = (name: string) => {
    const pid = writerPid(name);
    if (Number.isNaN(pid)) return false; // not ours to judge
    return pid === process.pid ? name !== own && name !== `.tmp-${own}` : !isAlive(pid);
  };
  for (const f of readdirSync(indexDir)) {
    const leftover = f.startsWith('CURRENT.tmp-') || f.startsWith('.lock.');
    if (leftover && writerPid(f) !== process.pid && !isAlive(writerPid(f))) rmSync(join(indexDir, f), { force: true });
  }
  const entries = readdirSync(root).sort();
  for (const e of entries) if (e.startsWith('.tmp-') && gone(e)) rmSync(join(root, e), { recursive: true, force: true });
  const live = currentSnapshotName(indexDir);
  const done = entries.filter((e) => SNAPSHOT_NAME.test(e)); // anything else in there is the operator's
  const at = live ? done.indexOf(live) : -1;
  if (at < 0) return; // no live snapshot: nothing tells which ones are garbage
  for (const e of done.slice(at + 1)) if (gone(e)) rmSync(join(root, e), { recursive: true, force: true });
  const older = done.slice(0, at);
  for (const e of older.slice(0, Math.max(0, older.length - Math.max(1, keep - 1)))) rmSync(join(root, e), { recursive: true, force: true });
}
