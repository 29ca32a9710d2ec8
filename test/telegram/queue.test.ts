// The chat queue: in order within a chat, parallel across chats up to the limit, and idle() for shutdowns.
import { expect, it } from 'vitest';
import { ChatQueue } from '../../src/telegram/queue.ts';

const tick = () => new Promise((r) => setTimeout(r, 5));

it('keeps one chat in order, runs other chats beside it up to the limit, and lets the rest wait their turn', async () => {
  const q = new ChatQueue(2);
  const log: string[] = [];
  let running = 0;
  let peak = 0;
  const task = (name: string) => async () => {
    running++;
    peak = Math.max(peak, running);
    log.push(`start ${name}`);
    await tick();
    log.push(`end ${name}`);
    running--;
  };
  await Promise.all([q.run('a', task('a1')), q.run('a', task('a2')), q.run('b', task('b1')), q.run('c', task('c1')), q.run('d', task('d1'))]);
  expect(peak).toBe(2);
  expect(log.indexOf('end a1')).toBeLessThan(log.indexOf('start a2'));
  expect(log.filter((l) => l.startsWith('end'))).toHaveLength(5);
  expect(q.pending).toBe(0);
});

it('a failing task frees its slot and does not stop its chat', async () => {
  const q = new ChatQueue(1);
  const failed = q.run('a', async () => {
    throw new Error('boom');
  });
  await expect(failed).rejects.toThrow('boom');
  let ran = false;
  await q.run('a', async () => {
    ran = true;
  });
  expect(ran).toBe(true);
  expect(await q.idle(100)).toBe(true);
});
