import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IndexLockedError } from '../../src/errors.ts';
import { acquireIndexLock, processStartTime } from '../../src/index/lock.ts';
import { tempRoot } from '../helpers/refresh.ts';

let cleanup = () => {};
afterEach(() => cleanup());

function dir(): string {
  const t = tempRoot('wz-lock-');
  cleanup = t.cleanup;
  return t.root;
}

/** A pid that is certainly not running: above the kernel's pid_max on Linux. */
const DEAD_PID = 4_194_304 + 7;

describe('index lock', () => {
  it('refuses a second writer clearly, and lets it in once the first releases', async () => {
    const d = dir();
    const first = await acquireIndexLock(d);
    await expect(acquireIndexLock(d, 0)).rejects.toThrow(IndexLockedError);
    await expect(acquireIndexLock(d, 0)).rejects.toThrow(new RegExp(`pid ${process.pid}`));
    const waiting = acquireIndexLock(d, 5000);
    setTimeout(() => first.release(), 150);
    const second = await waiting;
    second.assertHeld();
    second.release();
    expect(existsSync(join(d, '.lock'))).toBe(false);
  });

  it('takes over the lock of a writer that was killed', async () => {
    const d = dir();
    writeFileSync(join(d, '.lock'), `${DEAD_PID} deadbeef\n`);
    const lock = await acquireIndexLock(d, 0);
    expect(readFileSync(join(d, '.lock'), 'utf8')).toMatch(new RegExp(`^${process.pid} `));
    lock.release();
  });

  it('takes over a lock with its own pid but not its token (left by a previous life of this pid)', async () => {
    const d = dir();
    writeFileSync(join(d, '.lock'), `${process.pid} 0000000000000000\n`);
    const lock = await acquireIndexLock(d, 0);
    lock.assertHeld();
    lock.release();
  });

  it('treats an empty or garbled lock file as stale', async () => {
    const d = dir();
    writeFileSync(join(d, '.lock'), '');
    (await acquireIndexLock(d, 0)).release();
  });

  it('notices when its lock was taken over, so it does not switch the live snapshot', async () => {
    const d = dir();
    const lock = await acquireIndexLock(d);
    writeFileSync(join(d, '.lock'), `${DEAD_PID} feedface\n`);
    expect(() => lock.assertHeld()).toThrow(/lost the index lock/);
    lock.release();
    expect(existsSync(join(d, '.lock'))).toBe(true); // not ours: release leaves it alone
  });

  it('takes over a lock whose pid now belongs to another process (pid reused after a crash)', async () => {
    const d = dir();
    // A running process standing in for the one that got the dead writer's pid.
    const other = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      await new Promise((r) => other.once('spawn', r));
      const started = processStartTime(other.pid!);
      expect(started).toMatch(/^\d+$/);
      writeFileSync(join(d, '.lock'), `${other.pid} cafebabe ${Number(started) - 1000}\n`);
      const lock = await acquireIndexLock(d, 0);
      lock.assertHeld();
      lock.release();
      // The same pid with its real start time is that process's lock: it is respected.
      writeFileSync(join(d, '.lock'), `${other.pid} cafebabe ${started}\n`);
      await expect(acquireIndexLock(d, 0)).rejects.toThrow(IndexLockedError);
    } finally {
      other.kill();
    }
  });

  it('writes its own start time into the lock', async () => {
    const d = dir();
    const lock = await acquireIndexLock(d);
    expect(readFileSync(join(d, '.lock'), 'utf8').trim().split(' ')[2]).toBe(processStartTime(process.pid));
    lock.release();
  });
});
