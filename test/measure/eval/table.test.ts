import { describe, expect, it } from 'vitest';
import { bytes, markdownTable, ratio } from '../../../src/measure/eval/table.ts';

describe('markdownTable', () => {
  it('right-aligns numeric columns and escapes pipes', () => {
    const t = markdownTable(
      ['system', 'hit@5'],
      [
        ['a|b', '0.991'],
        ['c', 0.5],
      ],
    );
    expect(t.split('\n')).toEqual(['| system | hit@5 |', '| --- | ---: |', '| a\\|b | 0.991 |', '| c | 0.5 |']);
  });
});

describe('ratio and sizes', () => {
  it.each([
    [2, 1, '2.00x'],
    [1, 4, '0.250x'],
    [150, 10, '15x'],
    [1, 0, '-'],
  ])('%d over %d is %s', (a, b, want) => {
    expect(ratio(a, b)).toBe(want);
  });

  it('prints bytes as KB or MB', () => {
    expect(bytes(2048)).toBe('2.0 KB');
    expect(bytes(3 * 1024 * 1024)).toBe('3.0 MB');
  });
});
