import { expect, it } from 'vitest';
import { ExpiringMap } from '../../src/telegram/expiring.ts';

it('forgets entries after the TTL and evicts the oldest when full', () => {
  let now = 0;
  const m = new ExpiringMap<string>(1000, 2, () => now);
  m.set('a', '1');
  m.set('b', '2');
  now = 999;
  expect(m.get('a')).toBe('1');
  m.set('c', '3'); // full: "a" is the oldest written
  expect(m.get('a')).toBeUndefined();
  expect(m.get('b')).toBe('2');
  now = 1500;
  expect(m.get('b')).toBeUndefined();
  expect(m.get('c')).toBe('3');
});

it('keeps nothing when the TTL is zero (context disabled)', () => {
  const m = new ExpiringMap<string>(0, 10);
  m.set('a', '1');
  expect(m.get('a')).toBeUndefined();
});
