import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IndexLockedError } from '../../src/errors.ts';
import { acquireIndexLock } from '../../src/index/lock.ts';
import { tempDir } from '../helpers/index.ts';

describe('index lock', () => {
  const tmp = tempDir('wz-lock-');
  afterAll(() => tmp.cleanup());

  it('lets one writer in and refuses a second one clearly', async () => {
    const lock = await acquireIndexLock(tmp.dir);
    await expect(acquireIndexLock(tmp.dir)).rejects.toThrow(IndexLockedError);
    lock.release();
    (await acquireIndexLock(tmp.dir)).release();
  });

  it('lets a waiting writer in when the first one finishes', async () => {
    const lock = await acquireIndexLock(tmp.dir);
    setTimeout(() => lock.release(), 300);
    const second = await acquireIndexLock(tmp.dir, 5000);
    second.release();
  });

  it('takes over a lock left by a process that no longer exists', async () => {
    writeFileSync(join(tmp.dir, '.lock'), '999999999');
    const lock = await acquireIndexLock(tmp.dir);
    lock.release();
  });
});
