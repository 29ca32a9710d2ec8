import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../../src/corpus/load.ts';
import { synthesizeCorpus } from '../../../src/measure/bench/synthetic.ts';

const tmp = mkdtempSync(join(tmpdir(), 'wenzheng-synthetic-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('synthesizeCorpus', () => {
  const cited = '自治、法治、德治“三治融合”';
  const make = (name: string) => synthesizeCorpus({ baseDir: 'corpus', poolDir: 'corpus', outDir: join(tmp, name), targetChars: 200_000, banned: [cited] });

  it('holds the corpus once and new documents of distinct text up to the size asked for, the same on every run', async () => {
    const a = await make('a');
    const b = await make('b');
    expect(a.chars).toBeGreaterThanOrEqual(200_000);
    const { docs } = await loadCorpus(a.dir);
    expect(docs.filter((d) => d.id.startsWith('r000/')).length).toBeGreaterThan(0);
    const made = docs.filter((d) => !d.id.startsWith('r000/'));
    expect(made.length).toBeGreaterThan(10);
    // No two documents and (nearly) no two paragraphs the same: recombined, not copied.
    expect(new Set(made.map((d) => d.hash)).size).toBe(made.length);
    const paras = made.flatMap((d) => d.text.split('\n').slice(1)).filter((p) => p.length > 60);
    expect(new Set(paras).size / paras.length).toBeGreaterThan(0.95);
    const first = (dir: string) => readFileSync(join(dir, 's0000', readdirSync(join(dir, 's0000'))[0]), 'utf8');
    expect(first(a.dir)).toBe(first(b.dir));
  });

  it('leaves out every sentence that holds a cited passage, so no distractor holds the answer', async () => {
    const { docs } = await loadCorpus((await make('c')).dir);
    const made = docs.filter((d) => !d.id.startsWith('r000/'));
    expect(made.some((d) => d.text.includes(cited))).toBe(false);
    expect(docs.some((d) => d.id.startsWith('r000/') && d.text.includes(cited))).toBe(true);
  });
});
