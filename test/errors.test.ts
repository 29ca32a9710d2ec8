import { describe, expect, it } from 'vitest';
import { handleError } from '../src/cli/main.ts';
import { describeError, hintOf, SnapshotMismatchError, SnapshotMissingError, WenzhengError } from '../src/errors.ts';

describe('fix-it hints', () => {
  it('travel beside the message, not inside it', () => {
    const err = new SnapshotMissingError('no index at /srv/index', { hint: 'run `npm run ingest` to build it' });
    expect(err.message).toBe('no index at /srv/index');
    expect(err.hint).toBe('run `npm run ingest` to build it');
  });

  it('are found along the chain of causes', () => {
    const inner = new SnapshotMismatchError('the live snapshot is damaged', { hint: 'run `npm run ingest` to rebuild it' });
    expect(hintOf(new WenzhengError('cannot start', { cause: inner }))).toBe('run `npm run ingest` to rebuild it');
    expect(hintOf(new Error('plain'))).toBeUndefined();
  });

  it('are printed by the CLI on their own line after the message', () => {
    const lines: string[] = [];
    const original = console.error;
    console.error = (line: string) => void lines.push(line);
    try {
      const code = handleError(new SnapshotMissingError('no index at /srv/index', { hint: 'run `npm run ingest` to build it' }));
      expect(code).toBe(66);
    } finally {
      console.error = original;
    }
    expect(lines).toEqual(['wenzheng: no index at /srv/index', 'hint: run `npm run ingest` to build it']);
    expect(describeError(new SnapshotMissingError('x', { hint: 'y' }))).toBe('x');
  });
});
