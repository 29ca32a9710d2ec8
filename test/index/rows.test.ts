import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileRows, memoryRows } from '../../src/index/rows.ts';
import { tempRoot } from '../helpers/refresh.ts';

let cleanup = () => {};
afterEach(() => cleanup());

const DIM = 3;
// Row i is [i, i + 0.5, -i]: any row read from the wrong place shows.
const matrix = (n: number) => Float32Array.from({ length: n * DIM }, (_, j) => [Math.floor(j / DIM), Math.floor(j / DIM) + 0.5, -Math.floor(j / DIM)][j % DIM]);

function collect(scan: (visit: (row: number, v: Float32Array, o: number) => void) => void): [number, number[]][] {
  const out: [number, number[]][] = [];
  scan((row, v, o) => out.push([row, Array.from(v.subarray(o, o + DIM))]));
  return out;
}

describe('raw rows for the exact scoped search', () => {
  // Runs longer than one 256-row block, single rows, a row before its predecessor, the last row.
  const rows = [...Array.from({ length: 600 }, (_, i) => 100 + i), 5, 900, 3, 999];

  it('reads each asked row from the vectors file, in the order asked, the same as from memory', () => {
    const t = tempRoot('wz-rows-');
    cleanup = t.cleanup;
    const m = matrix(1000);
    const path = join(t.root, 'vectors.f32');
    writeFileSync(path, new Uint8Array(m.buffer));
    const fromFile = collect((visit) => fileRows(path, DIM).scan(rows, visit));
    expect(fromFile.map(([row]) => row)).toEqual(rows);
    for (const [row, v] of fromFile) expect(v).toEqual([row, row + 0.5, -row]);
    expect(fromFile).toEqual(collect((visit) => memoryRows(m, DIM).scan(rows, visit)));
  });

  it('throws, rather than reading garbage, when the file is shorter than the rows asked or gone', () => {
    const t = tempRoot('wz-rows-');
    cleanup = t.cleanup;
    const path = join(t.root, 'vectors.f32');
    writeFileSync(path, new Uint8Array(matrix(10).buffer));
    expect(() => fileRows(path, DIM).scan([8, 9, 10], () => {})).toThrow(/ends before row 10/);
    expect(() => fileRows(join(t.root, 'pruned.f32'), DIM).scan([0], () => {})).toThrow(/ENOENT/);
    expect(() => memoryRows(matrix(10), DIM).scan([10], () => {})).toThrow(/no row 10/);
  });
});
