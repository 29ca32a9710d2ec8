// One writer at a time per index directory: a lock file holding the writer's pid, a random token and the
// process's start time (Linux /proc), so a dead writer's pid reused by another process is not taken for the writer.
// The file appears with its content in one step (written aside, then hard-linked into place), so nobody ever
// reads a half-written lock. A lock left by a dead process (killed mid-refresh) is taken over, so the next
// refresh always succeeds; the writer checks it still holds the lock right before making its snapshot live.
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IndexLockedError } from '../errors.ts';

export interface IndexLock {
  /** Throws IndexLockedError if another process has taken the lock over (it judged this one dead). */
  assertHeld(): void;
  release(): void;
}

interface Holder {
  pid: number;
  token: string;
  /** Start time of the process (clock ticks since boot, /proc/<pid>/stat field 22); undefined where unknown. */
  started?: string;
}

/** When process `pid` started, from /proc (Linux); undefined elsewhere or when it is gone. */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** Tokens of the locks this process holds: its own pid in a lock file is live only with one of these. */
const held = new Set<string>();

export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(path: string): Holder | undefined {
  try {
    const [pid, token, started] = readFileSync(path, 'utf8').trim().split(/\s+/);
    return { pid: Number(pid), token: token ?? '', started: started || undefined };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/**
 * A holder is live if its process runs and is the same process (same start time: after a crash the pid may have
 * been given to another program); our own pid counts only with a token we hold (else: a previous life).
 */
function isLive(h: Holder): boolean {
  if (h.pid === process.pid) return held.has(h.token);
  if (!isAlive(h.pid)) return false;
  const now = h.started && processStartTime(h.pid);
  return !now || now === h.started;
}

/** Take the lock, waiting up to `waitMs` for another writer to finish; then refuse with IndexLockedError. */
export async function acquireIndexLock(indexDir: string, waitMs = 0, onWait?: (holderPid: number) => void): Promise<IndexLock> {
  mkdirSync(indexDir, { recursive: true });
  const path = join(indexDir, '.lock');
  const token = randomBytes(8).toString('hex');
  const mine = `${path}.${process.pid}-${token}`;
  writeFileSync(mine, `${process.pid} ${token} ${processStartTime(process.pid) ?? ''}`.trim() + '\n');
  const deadline = Date.now() + waitMs;
  let told = false;
  try {
    for (;;) {
      try {
        linkSync(mine, path); // atomic: fails with EEXIST if anyone holds the lock
        held.add(token);
        return lockHandle(path, token);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const holder = readHolder(path);
      if (!holder) continue; // released in between
      if (!isLive(holder)) {
        takeOver(path, holder);
        continue;
      }
      if (Date.now() >= deadline) {
        throw new IndexLockedError(
          `another ingest/refresh (pid ${holder.pid}) is writing ${indexDir}; try again when it has finished` +
            (waitMs ? ` (waited ${Math.round(waitMs / 1000)} s)` : ''),
        );
      }
      if (!told) onWait?.(holder.pid);
      told = true;
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    rmSync(mine, { force: true });
  }
}

/**
 * Remove a dead writer's lock. Moving it aside first and looking at what was moved means two processes that
 * both saw the same dead lock cannot remove a live lock one of them has just taken: the loser puts it back.
 */
function takeOver(path: string, dead: Holder): void {
  const aside = `${path}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(path, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  const moved = readHolder(aside);
  if (moved && (moved.pid !== dead.pid || moved.token !== dead.token)) {
    try {
      linkSync(aside, path); // not the dead lock: a fresh one, put it back
    } catch {
      // someone took the free slot meanwhile; the fresh holder will notice at assertHeld()
    }
  }
  rmSync(aside, { force: true });
}

function lockHandle(path: string, token: string): IndexLock {
  return {
    assertHeld() {
      const h = readHolder(path);
      if (!h || h.pid !== process.pid || h.token !== token) {
        throw new IndexLockedError(`lost the index lock at ${path} to pid ${h?.pid ?? 'none'}; nothing was made live`);
      }
    },
    release() {
      held.delete(token);
      const h = readHolder(path);
      if (h && h.pid === process.pid && h.token === token) rmSync(path, { force: true });
    },
  };
}
