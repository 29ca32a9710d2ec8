// Killing a refresh at any moment must leave the live index serving, and the next refresh must succeed.
import { appendFileSync, cpSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { App } from '../../../src/app/app.ts';
import { ingest } from '../../../src/app/ingest.ts';
import type { Config } from '../../../src/config.ts';
import { currentSnapshotName } from '../../../src/index/snapshot.ts';
import { corpusConfig, runRefreshChild, seeded, tempRoot } from '../../helpers/refresh.ts';

const SHIPPED = resolve(import.meta.dirname, '../../../corpus');
const EDITED = '民法典-婚姻家庭编.md';

let root: string;
let config: Config;
/** How long a whole refresh child runs (measured by the one killed after its switch), for the random kills. */
let duration = 3000;
let cleanup: () => void;

beforeAll(async () => {
  ({ root, cleanup } = tempRoot('wz-kill-'));
  config = corpusConfig(root);
  cpSync(SHIPPED, config.corpusDir, { recursive: true });
  await ingest(config, { corpusDir: config.corpusDir, indexDir: config.indexDir, mode: 'incremental' });
});
afterAll(() => cleanup());

/** Give the next refresh real work: a new article only this round's snapshot contains. */
function edit(round: string): void {
  appendFileSync(join(config.corpusDir, EDITED), `\n\n第九千零${round}条 本轮新增条文${round}：村民委员会应当调解婚姻家庭纠纷。\n`);
}

/** The live index loads and answers a question from the corpus; returns the live snapshot's name. */
async function assertServes(): Promise<string> {
  const app = App.open(config);
  const answer = await app.ask('法定结婚年龄是多少');
  expect(answer.found).toBe(true);
  expect(answer.citations[0].doc).toBe(EDITED);
  return app.status().snapshot;
}

async function hasRound(round: string): Promise<boolean> {
  const hits = (await App.open(config).search(`本轮新增条文${round}`)).hits;
  return hits.some((h) => h.chunk.text.includes(`本轮新增条文${round}`));
}

function leftovers(): string[] {
  const top = readdirSync(config.indexDir).filter((f) => f !== 'CURRENT' && f !== 'snapshots');
  const inside = readdirSync(join(config.indexDir, 'snapshots')).filter((f) => f.startsWith('.'));
  return [...top, ...inside];
}

describe('a refresh killed with SIGKILL', () => {
  it('at each step of the snapshot write leaves the previous snapshot live and answering', { timeout: 90_000 }, async () => {
    // 1: graph being written in the temp dir, 2: temp dir complete, 3: renamed but not live, 4: live, lock held.
    for (const step of [1, 2, 3, 4]) {
      const before = currentSnapshotName(config.indexDir);
      const round = `步${step}`;
      edit(round);
      const t0 = Date.now();
      const run = await runRefreshChild(config.corpusDir, config.indexDir, root, step).done;
      if (step === 4) duration = Date.now() - t0;
      expect(run.signal, run.stderr).toBe('SIGKILL');
      const live = await assertServes();
      if (step < 4) {
        expect(live).toBe(before); // killed before the switch: the old snapshot serves
      } else {
        expect(live).not.toBe(before); // killed after the switch, lock still held: the new one serves
        expect(await hasRound(round)).toBe(true);
      }
    }
  });

  it('at seeded random moments, then the next refresh succeeds and cleans up', { timeout: 90_000 }, async () => {
    const rand = seeded(20251126);
    for (let i = 0; i < 2; i++) {
      edit(`随机${i}`);
      const run = runRefreshChild(config.corpusDir, config.indexDir, root);
      const timer = setTimeout(() => run.child.kill('SIGKILL'), Math.round(duration * (0.3 + 0.7 * rand())));
      await run.done;
      clearTimeout(timer);
      await assertServes();
    }

    edit('最终');
    const last = await runRefreshChild(config.corpusDir, config.indexDir, root).done;
    expect(last.code, last.stderr).toBe(0);
    await assertServes();
    expect(await hasRound('最终')).toBe(true);
    expect(await hasRound('随机1')).toBe(true);
    expect(leftovers()).toEqual([]);
    const kept = readdirSync(join(config.indexDir, 'snapshots'));
    expect(kept.length).toBeLessThanOrEqual(config.keepSnapshots);
  });
});
