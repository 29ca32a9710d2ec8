// Sending the change notices of one refresh: each with a one-tap "停止提醒" that removes the subscriptions it
// reported on, one at a time with a pause between sends (Telegram allows about 30 messages a second to
// different chats; the Bot API client also waits out any 429), a failed chat never stopping the others.
import { type Telegram, TelegramError } from 'telegraf';
import type { Notice } from '../app/notices/types.ts';
import { describeError } from '../errors.ts';
import { log } from '../log.ts';
import type { StateStore } from '../state/types.ts';
import { STOP_TTL_MS, type StopTarget } from './follow.ts';
import { noticeKeyboard } from './keyboards.ts';
import type { BotMetrics } from './metrics.ts';
import { uiTexts } from './texts.ts';
import { textView } from './views.ts';

/** Default pause between two notices: well under Telegram's broadcast limit. */
export const NOTICE_GAP_MS = 50;

export interface NoticeDelivery {
  telegram: Pick<Telegram, 'sendMessage'>;
  store: Pick<StateStore, 'callbacks' | 'subscriptions'>;
  metrics?: BotMetrics;
  gapMs?: number;
}

/** Sends every notice; returns how many were delivered. */
export async function sendNotices(d: NoticeDelivery, notices: readonly Notice[]): Promise<number> {
  let sent = 0;
  for (const [i, n] of notices.entries()) {
    if (i > 0) await new Promise((ok) => setTimeout(ok, d.gapMs ?? NOTICE_GAP_MS));
    try {
      const key = await d.store.callbacks.put({ owner: n.owner, ids: n.subscriptionIds } satisfies StopTarget, STOP_TTL_MS);
      // The notice text is in the subscriber's script already; the button follows the bot's default language.
      const parts = textView(n.text);
      for (const [j, html] of parts.entries()) {
        await d.telegram.sendMessage(n.owner, html, {
          parse_mode: 'HTML',
          link_preview_options: { is_disabled: true },
          ...(j === parts.length - 1 ? { reply_markup: noticeKeyboard(key, uiTexts(/\p{Script=Han}/u.test(n.text) ? 'zh' : 'en')) } : {}),
        });
      }
      // A refused question that is now answered has been told: following it further would repeat the notice.
      for (const id of n.subscriptionIds) if (id.startsWith('r')) await d.store.subscriptions.remove(n.owner, id);
      sent++;
      d.metrics?.notices.inc({ result: 'sent' });
    } catch (err) {
      d.metrics?.notices.inc({ result: 'failed' });
      log.warn('could not send a change notice', { error: describeError(err) });
      // 403: the user blocked the bot or left the group. Their subscriptions can never be delivered; keeping
      // them would keep a chat id for nothing.
      if (err instanceof TelegramError && err.code === 403) {
        for (const id of n.subscriptionIds) await d.store.subscriptions.remove(n.owner, id).catch(() => false);
      }
    }
  }
  return sent;
}
