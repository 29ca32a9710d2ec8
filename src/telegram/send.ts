// Sending HTML message parts to the chat of an update through Telegraf: HTML parse mode, link previews off,
// reply-to for group chats, the keyboard on the last part, and "message is not modified" treated as done.
import { type Context, TelegramError } from 'telegraf';
import type { InlineKeyboardMarkup } from 'telegraf/types';
import type { MessageApi } from './stream.ts';

export function isNotModified(err: unknown): boolean {
  return err instanceof TelegramError && err.code === 400 && /message is not modified/i.test(err.description);
}

/** Send and edit in the chat of `ctx`. */
export function messageApi(ctx: Context): MessageApi {
  const chatId = ctx.chat!.id;
  return {
    async send(html, markup, replyTo) {
      const sent = await ctx.telegram.sendMessage(chatId, html, {
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        ...(markup ? { reply_markup: markup } : {}),
        ...(replyTo ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } } : {}),
      });
      return sent.message_id;
    },
    async edit(messageId, html, markup) {
      try {
        await ctx.telegram.editMessageText(chatId, messageId, undefined, html, {
          parse_mode: 'HTML',
          link_preview_options: { is_disabled: true },
          ...(markup ? { reply_markup: markup } : {}),
        });
      } catch (err) {
        if (!isNotModified(err)) throw err;
      }
    },
  };
}

/** Sends parts in order; the first replies to `replyTo`, the last carries the keyboard. */
export async function sendParts(ctx: Context, parts: string[], opts: { markup?: InlineKeyboardMarkup; replyTo?: number } = {}): Promise<void> {
  const api = messageApi(ctx);
  for (let i = 0; i < parts.length; i++) {
    await api.send(parts[i], i === parts.length - 1 ? opts.markup : undefined, i === 0 ? opts.replyTo : undefined);
  }
}
