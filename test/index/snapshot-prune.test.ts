import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pruneSnapshots } from '../../src/index/snapshot.ts';
import { tempRoot } from '../helpers/refresh.ts';

let cleanup = () => {};
afterEach(() => cleanup());

const DEAD = 4_194_304 + 11; // above Linux's pid_max: never running
const OTHER = process.ppid; // a running process that is not this one

const name = (minute: number, pid: number) => `20250101T00${String(minute).padStart(2, '0')}00000Z-${pid}-0000`;

function layout(snapshots: string[], live: string, extra: string[] = [], files: string[] = []): string {
  const t = tempRoot('wz-prune-');
  cleanup = t.cleanup;
  const index = join(t.root, 'index');
  for (const s of [...snapshots, ...extra]) mkdirSync(join(index, 'snapshots', s), { recursive: true });
  writeFileSync(join(index, 'CURRENT'), live + '\n');
  for (const f of files) writeFileSync(join(index, f), 'x');
  return index;
}

const left = (index: string) => readdirSync(join(index, 'snapshots')).sort();

describe('pruneSnapshots', () => {
  it('keeps the newest KEEP_SNAPSHOTS, the live one included', () => {
    const all = [1, 2, 3, 4, 5].map((m) => name(m, DEAD));
    const index = layout(all, all[4]);
    pruneSnapshots(index, 3);
    expect(left(index)).toEqual(all.slice(2));
  });

  it('never removes the snapshot live just before the current one, even with KEEP_SNAPSHOTS=1', () => {
    const all = [1, 2, 3].map((m) => name(m, DEAD));
    const index = layout(all, all[2]);
    pruneSnapshots(index, 1);
    expect(left(index)).toEqual(all.slice(1)); // a reader that resolved CURRENT an instant ago may be loading it
  });

  it('removes what killed writers left behind, and nothing a running writer or the operator owns', () => {
    const live = name(2, DEAD);
    const index = layout(
      [name(1, DEAD), live],
      live,
      [`.tmp-${name(3, DEAD)}`, `.tmp-${name(3, OTHER)}`, name(4, DEAD), name(5, OTHER), 'backup-before-upgrade'],
      [`CURRENT.tmp-${DEAD}`, `.lock.${DEAD}-0011223344556677`, `.lock.stale-${DEAD}-00112233`],
    );
    pruneSnapshots(index, 3);
    expect(left(index)).toEqual([`.tmp-${name(3, OTHER)}`, name(1, DEAD), live, name(5, OTHER), 'backup-before-upgrade'].sort());
    expect(readdirSync(index).sort()).toEqual(['CURRENT', 'snapshots']);
  });

  it('does nothing to finished snapshots when no snapshot is live', () => {
    const index = layout([name(1, DEAD)], 'missing');
    pruneSnapshots(index, 1);
    expect(existsSync(join(index, 'snapshots', name(1, DEAD)))).toBe(true);
  });
});
