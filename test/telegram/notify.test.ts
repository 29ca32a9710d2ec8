import { TelegramError } from 'telegraf';
import { expect, it } from 'vitest';
import type { Notice } from '../../src/app/notices/types.ts';
import { setLogLevel } from '../../src/log.ts';
import { SqliteStore } from '../../src/state/sqlite.ts';
import { decodeCallback } from '../../src/telegram/keyboards.ts';
import { sendNotices } from '../../src/telegram/notify.ts';
import { tempDir } from '../helpers/shipped-index.ts';

const notice = (owner: string, ids: string[]): Notice => ({ owner, subscriptionIds: ids, text: `【政策更新提醒】<b>${owner}</b>` });

it('sends each notice with a working opt-out, spaced out; a failing chat does not stop the others, a blocked one is dropped', async () => {
  setLogLevel('silent');
  const t = tempDir();
  const store = SqliteStore.open(t.dir);
  try {
    for (const [owner, id] of [
      ['1', 'a1'],
      ['2', 'a2'],
      ['3', 'r3'],
      ['3', 'a3'],
      ['4', 'a4'],
    ])
      await store.subscriptions.add(owner, id, { kind: 'answer' });
    const calls: { chat: string; text: string; markup: unknown; at: number }[] = [];
    const telegram = {
      sendMessage: async (chat: string | number, text: string, extra?: { reply_markup?: unknown }) => {
        if (chat === '2') throw new TelegramError({ error_code: 403, description: 'Forbidden: bot was blocked by the user' });
        if (chat === '4') throw new Error('socket hang up');
        calls.push({ chat: String(chat), text, markup: extra?.reply_markup, at: performance.now() });
        return {} as never;
      },
    };
    const sent = await sendNotices({ telegram, store, gapMs: 30 }, [notice('1', ['a1']), notice('2', ['a2']), notice('3', ['r3', 'a3']), notice('4', ['a4'])]);
    expect(sent).toBe(2);
    expect(calls.map((c) => c.chat)).toEqual(['1', '3']);
    expect(calls[0].text).toContain('&lt;b&gt;1&lt;/b&gt;'); // escaped: notices quote documents
    expect(calls[1].at - calls[0].at).toBeGreaterThanOrEqual(50); // two gaps: after 1 and after the failed 2
    // The opt-out button refers to the notice's subscriptions.
    const data = (calls[0].markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard[0][0];
    expect(data.text).toBe('🔕 停止提醒');
    const cb = decodeCallback(data.callback_data);
    expect(cb?.kind).toBe('stop');
    expect(await store.callbacks.get(cb?.kind === 'stop' ? cb.key : '')).toEqual({ owner: '1', ids: ['a1'] });
    // A refused question's subscription ends with its notice; the answer one stays.
    expect((await store.subscriptions.list('3')).map((s) => s.id)).toEqual(['a3']);
    // A chat that blocked the bot is followed no more; a passing network failure keeps the subscription.
    expect(await store.subscriptions.list('2')).toEqual([]);
    expect((await store.subscriptions.list('4')).map((s) => s.id)).toEqual(['a4']);
  } finally {
    await store.close();
    t.cleanup();
  }
});
