// Long polling confirms an update to Telegram (the next getUpdates offset) only after its answer was sent, so a
// process killed mid-answer gets it again on restart; the store's confirmed claim keeps an update that was
// answered before the kill from being answered twice.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ExtractiveAnswerer } from '../../src/answer/extractive.ts';
import type { Answerer, AnswerInput } from '../../src/answer/types.ts';
import type { HandledEvent } from '../../src/telegram/bot.ts';
import { buildTestIndex, type Harness, privateChat, startHarness, user } from './harness.ts';

/** The offline answerer, held back until released. */
class GatedAnswerer implements Answerer {
  readonly name = 'gated';
  private inner = new ExtractiveAnswerer();
  gate?: Promise<void>;
  async answer(input: AnswerInput) {
    await this.gate;
    return this.inner.answer(input);
  }
}

const gated = new GatedAnswerer();
let h: Harness;
let cleanup: () => void;

beforeAll(async () => {
  const built = await buildTestIndex();
  cleanup = built.cleanup;
  h = await startHarness(built.config, { answerer: gated });
});

afterAll(async () => {
  await h?.close();
  cleanup?.();
});

const answersTo = (chatId: number) => h.fake.calls.filter((c) => c.method === 'sendMessage' && c.params.chat_id === chatId).length;

it('keeps an update unconfirmed while its answer is being written, and confirms it after', async () => {
  const u = user(901);
  let release!: () => void;
  gated.gate = new Promise((ok) => (release = ok));
  const handled = new Promise<HandledEvent>((ok) => h.bot.once('handled', ok));
  h.fake.sendText(u, privateChat(u), '什么是三治融合？');
  await h.fake.waitForCall((c) => c.method === 'sendChatAction' && c.params.chat_id === u.id);
  await new Promise((ok) => setTimeout(ok, 100));
  expect(h.fake.unconfirmed).toBe(1); // kill -9 now, and Telegram would deliver it again
  release();
  await handled;
  for (let i = 0; i < 50 && h.fake.unconfirmed; i++) await new Promise((ok) => setTimeout(ok, 20));
  expect(h.fake.unconfirmed).toBe(0);
  expect(answersTo(u.id)).toBe(1);
  gated.gate = undefined;
});

it('after a restart, answers an update the dead process had only leased, and skips one it had answered', async () => {
  const leased = user(902);
  const answered = user(903);
  const store = h.bot.services.store;
  // What a process killed mid-answer leaves behind: a lease (no answer sent) and a confirmation (answer sent,
  // offset not yet moved). Telegram delivers both again.
  const ids = [h.fake.updates.length + 1, h.fake.updates.length + 2];
  await store.updates.claim(ids[0], 60_000);
  await store.updates.confirm(ids[1], 60_000);
  const events: HandledEvent[] = [];
  const on = (e: HandledEvent) => events.push(e);
  h.bot.on('handled', on);
  expect(h.fake.sendText(leased, privateChat(leased), '什么是三治融合？').update_id).toBe(ids[0]);
  expect(h.fake.sendText(answered, privateChat(answered), '什么是三治融合？').update_id).toBe(ids[1]);
  for (let i = 0; i < 200 && events.length < 2; i++) await new Promise((ok) => setTimeout(ok, 20));
  h.bot.off('handled', on);
  expect(events.find((e) => e.updateId === ids[0])).toMatchObject({ ok: true });
  expect(events.find((e) => e.updateId === ids[1])).toMatchObject({ duplicate: true });
  expect(answersTo(leased.id)).toBe(1);
  expect(answersTo(answered.id)).toBe(0);
});
