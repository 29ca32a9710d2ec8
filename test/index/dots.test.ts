import { describe, expect, it } from 'vitest';
import { columnDots, MAX_WEIGHT } from '../../src/index/dots.ts';

/** A seeded column-major int8 matrix with codes in -127..127, as the flat index stores them. */
function codesOf(count: number, dim: number, seed = 5): Int8Array {
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Int8Array.from({ length: count * dim }, () => Math.floor(rand() * 255) - 127);
}

describe('columnDots', () => {
  const count = 1003; // not a multiple of 16: the last block reads past the last row
  const dim = 40;
  const codes = codesOf(count, dim);
  const dots = columnDots(codes, count)!;

  it('sums weighted columns exactly, for any number of columns (pairs, fours and an odd one)', () => {
    expect(dots).toBeDefined();
    for (let n = 1; n <= 9; n++) {
      const cols = Array.from({ length: n }, (_, i) => (i * 7 + n) % dim);
      const weights = cols.map((_, i) => (i % 2 ? -1 : 1) * (MAX_WEIGHT - 1000 * i));
      const acc = dots.dots(cols, weights);
      for (let r = 0; r < count; r++) {
        let sum = 0;
        cols.forEach((c, i) => {
          sum += weights[i] * codes[c * count + r];
        });
        expect(acc[r]).toBe(sum);
      }
    }
  });

  it("reports each block of 16 rows' largest sum", () => {
    const acc = dots.dots([3, 11, 12], [500, -700, 9]);
    const maxima = dots.blockMax();
    expect(maxima).toHaveLength(Math.ceil(count / 16));
    for (let b = 0; b < maxima.length; b++) expect(maxima[b]).toBe(Math.max(...acc.subarray(16 * b, 16 * b + 16)));
  });

  it('keeps its own copy of the columns', () => {
    expect(Array.from(dots.codes.subarray(0, 64))).toEqual(Array.from(codes.subarray(0, 64)));
    expect(dots.codes.buffer).not.toBe(codes.buffer);
  });
});
