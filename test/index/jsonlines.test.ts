import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writePartsDurable } from '../../src/index/fsutil.ts';
import { readJsonLines } from '../../src/index/snapshot.ts';
import { tempDir } from '../helpers/shipped-index.ts';

describe('JSON lines written in parts and read a block at a time', () => {
  const { dir, cleanup } = tempDir('jsonlines-');
  afterAll(cleanup);

  it('reads back what whole-file parsing reads: lines across block boundaries, long lines, blank lines, no final newline', () => {
    // Multi-byte text whose lines fall across the 1 MB reading blocks, one line longer than a block, blank lines.
    const items: unknown[] = [];
    for (let i = 0; i < 6000; i++) items.push({ i, text: `第${i}条 公民享有权利。`.repeat(1 + (i % 37)), n: i % 3 ? null : [i, 'é'] });
    items.splice(2500, 0, { long: '长'.repeat(700_000) });
    const text = items.map((x) => JSON.stringify(x)).join('\n');
    const path = join(dir, 'items.jsonl');
    writePartsDurable(path, ['\n', text.slice(0, 123_457), text.slice(123_457), '\n\n', JSON.stringify({ last: '末' })]);
    const whole = readFileSync(path, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    expect(whole.length).toBe(items.length + 1);
    expect(readJsonLines(path)).toEqual(whole);
  });

  it('reads an empty file as no lines', () => {
    const path = join(dir, 'empty.jsonl');
    writePartsDurable(path, ['\n']);
    expect(readJsonLines(path)).toEqual([]);
  });
});
