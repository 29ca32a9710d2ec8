// The fake Bot API must behave like Telegram where the bot depends on it, or the bot tests prove nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTelegramApi } from '../../src/dev/telegram-api.ts';

const fake = new FakeTelegramApi();
let root: string;
const alice = { id: 5, is_bot: false as const, first_name: 'A' };
const chat = { id: 5, type: 'private' as const, first_name: 'A' };

beforeAll(async () => {
  root = await fake.start();
});
afterAll(() => fake.stop());

async function call(method: string, params: object = {}, token = fake.token) {
  const res = await fetch(`${root}/bot${token}/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(params) });
  return (await res.json()) as { ok: boolean; result?: any; error_code?: number; description?: string; parameters?: { retry_after: number } };
}

describe('long polling', () => {
  it('holds getUpdates open until an update arrives, and drops updates below the offset', async () => {
    const t0 = performance.now();
    const pending = call('getUpdates', { timeout: 5 });
    await new Promise((ok) => setTimeout(ok, 150));
    const update = fake.sendText(alice, chat, 'hello');
    const first = await pending;
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
    expect(first.result.map((u: { update_id: number }) => u.update_id)).toEqual([update.update_id]);
    // Not confirmed yet: delivered again. Confirmed by the offset: gone.
    expect((await call('getUpdates', { offset: 0 })).result).toHaveLength(1);
    expect((await call('getUpdates', { offset: update.update_id + 1 })).result).toEqual([]);
  });

  it('answers an empty list when the timeout passes', async () => {
    const t0 = performance.now();
    expect((await call('getUpdates', { timeout: 1 })).result).toEqual([]);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(990);
  });
});

describe('sending and editing', () => {
  it('enforces the 4096-character limit on the visible text, after HTML parsing', async () => {
    expect((await call('sendMessage', { chat_id: 5, text: 'x'.repeat(4097) })).description).toBe('Bad Request: message is too long');
    expect((await call('sendMessage', { chat_id: 5, text: `<b>${'&lt;'.repeat(4096)}</b>`, parse_mode: 'HTML' })).ok).toBe(true);
  });

  it('rejects HTML Telegram cannot parse', async () => {
    for (const text of ['a < b', '<b>open', '<div>x</div>', 'A & B', '<b><i>x</b></i>']) {
      const r = await call('sendMessage', { chat_id: 5, text, parse_mode: 'HTML' });
      expect(r.description, text).toMatch(/^Bad Request: can't parse entities/);
    }
  });

  it('refuses an edit that changes nothing, and callback data over 64 bytes', async () => {
    const markup = { inline_keyboard: [[{ text: 'b', callback_data: 'x' }]] };
    const sent = await call('sendMessage', { chat_id: 5, text: 'hi', reply_markup: markup });
    const same = await call('editMessageText', { chat_id: 5, message_id: sent.result.message_id, text: 'hi', reply_markup: markup });
    expect(same.description).toMatch(/^Bad Request: message is not modified/);
    expect((await call('editMessageText', { chat_id: 5, message_id: sent.result.message_id, text: 'hi' })).ok).toBe(true); // keyboard removed
    const big = { inline_keyboard: [[{ text: 'b', callback_data: '问'.repeat(22) }]] };
    expect((await call('sendMessage', { chat_id: 5, text: 'x', reply_markup: big })).description).toBe('Bad Request: BUTTON_DATA_INVALID');
  });

  it('answers a callback query once, fails injected calls with 429, and refuses a wrong token', async () => {
    const sent = await call('sendMessage', { chat_id: 5, text: 'q', reply_markup: { inline_keyboard: [[{ text: 'b', callback_data: 'd' }]] } });
    const press = fake.pressButton(alice, fake.messagesIn(5).find((m) => m.message_id === sent.result.message_id)!, 'd');
    expect((await call('answerCallbackQuery', { callback_query_id: press.callback_query.id })).ok).toBe(true);
    expect((await call('answerCallbackQuery', { callback_query_id: press.callback_query.id })).ok).toBe(false);
    fake.failNext('sendChatAction', 3);
    expect(await call('sendChatAction', { chat_id: 5, action: 'typing' })).toMatchObject({ ok: false, error_code: 429, parameters: { retry_after: 3 } });
    expect((await call('getMe', {}, '1:wrong')).error_code).toBe(401);
  });
});

describe('scripted faults', () => {
  it('plays the faults queued for a method in order, then answers normally', async () => {
    fake.faults.set('sendMessage', [{ status: 502 }, { hang: true }]);
    const bad = await fetch(`${root}/bot${fake.token}/sendMessage`, { method: 'POST', body: JSON.stringify({ chat_id: 5, text: 'a' }) });
    expect(bad.status).toBe(502);
    const hung = call('sendMessage', { chat_id: 5, text: 'b' });
    await expect(Promise.race([hung, new Promise((ok) => setTimeout(() => ok('still waiting'), 300))])).resolves.toBe('still waiting');
    expect(fake.hanging).toBe(1);
    expect((await call('sendMessage', { chat_id: 5, text: 'c' })).ok).toBe(true);
    expect(fake.messagesIn(5).map((m) => m.text)).not.toContain('b');
    await fake.stop(); // a hung request ends with the fake
    await expect(hung).rejects.toThrow();
    expect(fake.hanging).toBe(0);
    root = await fake.start();
  });

  it('drops the connection on a reset, and lets a fault wait for the call it matches', async () => {
    fake.faults.set('sendMessage', [{ reset: true, when: (p) => p.chat_id === 6 }]);
    expect((await call('sendMessage', { chat_id: 5, text: 'passes by' })).ok).toBe(true);
    await expect(call('sendMessage', { chat_id: 6, text: 'reset' })).rejects.toThrow(/fetch failed/);
    expect(fake.calls.at(-1)).toMatchObject({ method: 'sendMessage', ok: false, error: 'connection reset' });
  });

  it('repeats a fault `times` times, with a 429 carrying retry_after', async () => {
    fake.faults.set('sendChatAction', [{ status: 429, retryAfter: 7, times: 2 }]);
    expect(fake.faults.pending('sendChatAction')).toBe(2);
    for (let i = 0; i < 2; i++)
      expect(await call('sendChatAction', { chat_id: 5, action: 'typing' })).toMatchObject({ error_code: 429, parameters: { retry_after: 7 } });
    expect((await call('sendChatAction', { chat_id: 5, action: 'typing' })).ok).toBe(true);
  });

  it('fails getUpdates without confirming anything, and delivers unconfirmed updates again', async () => {
    const update = fake.sendText(alice, chat, 'again');
    fake.faults.set('getUpdates', [{ status: 404 }]);
    expect(await call('getUpdates', { offset: update.update_id + 1 })).toMatchObject({ ok: false, error_code: 404 });
    const first = await call('getUpdates', { offset: update.update_id });
    const second = await call('getUpdates', { offset: update.update_id });
    expect([first.result[0].update_id, second.result[0].update_id]).toEqual([update.update_id, update.update_id]);
    expect(fake.updates.find((u) => u.update.update_id === update.update_id)!.deliveries).toBe(2);
    expect((await call('getUpdates', { offset: update.update_id + 1 })).result).toEqual([]);
  });
});
