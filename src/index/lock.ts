// One writer at a time per index directory: an exclusive lock file holding the writer's pid.
// A lock left by a dead process (killed mid-refresh) is taken over, so the next refresh always succeeds.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IndexLockedError } from '../errors.ts';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface IndexLock {
  release(): void;
}

/** Take the lock, waiting up to `waitMs` for another writer to finish; then refuse with IndexLockedError. */
export async function acquireIndexLock(indexDir: string, waitMs = 0): Promise<IndexLock> {
  mkdirSync(indexDir, { recursive: true });
  const path = join(indexDir, '.lock');
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' });
      return { release: () => rmSync(path, { force: true }) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = Number(readFileSync(path, 'utf8').trim());
    if (!Number.isInteger(holder) || holder <= 0 || !alive(holder)) {
      rmSync(path, { force: true }); // stale: its writer is gone
      continue;
    }
    if (Date.now() >= deadline) {
      throw new IndexLockedError(`another ingest/refresh (pid ${holder}) is writing ${indexDir}; try again when it has finished`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
