import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nurseryHeld, startupGrowthFactor, withNurseryHeld } from '../../src/app/nursery.ts';

const CHILD = join(import.meta.dirname, '../helpers/nursery-child.ts');
const newSpace = (mode: 'held' | 'free') => JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', CHILD, mode], { encoding: 'utf8' }));

describe('the nursery held during a build', () => {
  it("keeps V8's young generation at its size while long-lived objects are made, which V8 alone would grow", () => {
    const held = newSpace('held');
    expect(held.after).toBe(held.before);
    const free = newSpace('free');
    expect(free.after).toBeGreaterThan(free.before);
  });

  it('is held while any build runs and released when the last one ends, also when one fails', async () => {
    expect(nurseryHeld()).toBe(false);
    let release!: () => void;
    const slow = withNurseryHeld(() => new Promise<void>((r) => (release = r)));
    await expect(withNurseryHeld(async () => Promise.reject(new Error('corrupt file')))).rejects.toThrow('corrupt file');
    expect(nurseryHeld()).toBe(true); // the slow build still runs
    release();
    await slow;
    expect(nurseryHeld()).toBe(false);
  });

  it("restores the growth factor the operator started Node with, else V8's default", () => {
    expect(startupGrowthFactor([], '')).toBe(2);
    expect(startupGrowthFactor(['--semi-space-growth-factor=4'], '')).toBe(4);
    expect(startupGrowthFactor([], '--max-old-space-size=512 --semi-space-growth-factor 3')).toBe(3);
  });
});
