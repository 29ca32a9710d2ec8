// The poller confirms to Telegram only what was answered, and never makes new updates wait for a slow answer.
import type { Telegram } from 'telegraf';
import type { Update } from 'telegraf/types';
import { expect, it } from 'vitest';
import { Poller } from '../../src/telegram/poller.ts';

/** A Telegram that keeps updates until an offset confirms them, like the real one (without long waits). */
function telegram() {
  let queue: number[] = [];
  const offsets: number[] = [];
  const api = {
    callApi: async (_method: string, p: { offset: number; limit: number }) => {
      offsets.push(p.offset);
      queue = queue.filter((id) => id >= p.offset);
      await new Promise((ok) => setTimeout(ok, 5));
      return queue.slice(0, p.limit).map((update_id) => ({ update_id }) as Update);
    },
  };
  return { tg: api as unknown as Telegram, push: (id: number) => queue.push(id), offsets, queued: () => queue };
}

it('confirms up to the lowest update still being answered, and handles later ones meanwhile', async () => {
  const t = telegram();
  const handled: number[] = [];
  let release!: () => void;
  const slow = new Promise<void>((ok) => (release = ok));
  const poller = new Poller(
    t.tg,
    async (u) => {
      if (u.update_id === 1) await slow;
      handled.push(u.update_id);
    },
    { allowedUpdates: ['message'], busyPollMs: 20 },
  );
  const running = poller.run();
  t.push(1);
  t.push(2);
  await new Promise((ok) => setTimeout(ok, 60));
  t.push(3);
  await new Promise((ok) => setTimeout(ok, 60));
  expect(handled).toEqual([2, 3]); // not held up by update 1
  expect(t.queued()).toContain(1); // not confirmed: a kill -9 now would get it again
  expect(Math.max(...t.offsets)).toBe(1);
  release();
  await new Promise((ok) => setTimeout(ok, 60));
  expect(handled).toEqual([2, 3, 1]);
  expect(t.queued()).toEqual([]);
  poller.stop();
  await running;
  await poller.confirm();
  expect(t.offsets.at(-1)).toBe(4);
});

it('handles each update once, however often Telegram delivers it again', async () => {
  const t = telegram();
  const seen: number[] = [];
  let release!: () => void;
  const gate = new Promise<void>((ok) => (release = ok));
  const poller = new Poller(
    t.tg,
    async (u) => {
      seen.push(u.update_id);
      await gate;
    },
    { allowedUpdates: ['message'], busyPollMs: 10 },
  );
  const running = poller.run();
  t.push(7);
  await new Promise((ok) => setTimeout(ok, 100)); // several polls deliver 7 again
  expect(t.offsets.filter((o) => o === 7).length).toBeGreaterThan(1);
  expect(seen).toEqual([7]);
  release();
  poller.stop();
  await running;
});
