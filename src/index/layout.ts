// The index directory's layout: snapshots/<name>/ and the CURRENT pointer naming the live one, and snapshot names.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const snapshotsDir = (indexDir: string) => join(indexDir, 'snapshots');
export const currentPointer = (indexDir: string) => join(indexDir, 'CURRENT');

export const SNAPSHOT_NAME = /^\d{8}T\d{9}Z-\d+-\d{4}$/;
let nameCounter = 0;

/**
 * `<stamp with milliseconds>-<writer pid>-<per-process counter>`: names sort in creation order, which pruning
 * relies on, and carry the writer's pid, which tells leftovers of dead writers from work in progress.
 */
export function newSnapshotName(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('.', '');
  return `${stamp}-${process.pid}-${String(nameCounter++ % 10000).padStart(4, '0')}`;
}

/** The live snapshot's name, or undefined when no index has been built. */
export function currentSnapshotName(indexDir: string): string | undefined {
  const p = currentPointer(indexDir);
  if (!existsSync(p)) return undefined;
  const name = readFileSync(p, 'utf8').trim();
  return name || undefined;
}

/** Names of the complete snapshots on disk, oldest first (temp dirs and the operator's other files left out). */
export function snapshotNames(indexDir: string): string[] {
  const root = snapshotsDir(indexDir);
  return existsSync(root)
    ? readdirSync(root)
        .filter((e) => SNAPSHOT_NAME.test(e))
        .sort()
    : [];
}
