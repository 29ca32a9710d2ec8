// The fake Bot API's record of chats: message ids per chat, the messages the bot sent as they currently read,
// and sendMessage/editMessageText with Telegram's checks (HTML, 4096 characters, empty text, 64-byte button
// data, "message is not modified", "message to edit not found").
import type { Chat, InlineKeyboardMarkup, Message, User } from 'telegraf/types';
import { parseTelegramHtml } from './telegram-html.ts';

export const TEXT_LIMIT = 4096;
export type Params = Record<string, any>;

/** A Bot API error as Telegram reports it: error_code, description, optional parameters (retry_after). */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: Params,
  ) {
    super(description);
  }
}

/** A message the bot sent, as it currently reads (after edits). */
export interface BotMessage {
  message_id: number;
  chat_id: number;
  /** The visible text (HTML parsed). */
  text: string;
  html?: string;
  reply_markup?: InlineKeyboardMarkup;
  reply_to?: number;
  edits: number;
}

export class ChatLog {
  private readonly messages = new Map<string, BotMessage>(); // key: chat:message_id
  private readonly lastId = new Map<number, number>();

  constructor(private readonly bot: User) {}

  /** The next message id in a chat (user and bot messages share the sequence, as in Telegram). */
  nextId(chatId: number): number {
    const id = (this.lastId.get(chatId) ?? 0) + 1;
    this.lastId.set(chatId, id);
    return id;
  }

  in(chatId: number): BotMessage[] {
    return [...this.messages.values()].filter((m) => m.chat_id === chatId);
  }

  send(p: Params): Message.TextMessage {
    const chatId = Number(p.chat_id);
    const text = readText(p);
    checkMarkup(p.reply_markup);
    const msg: BotMessage = { message_id: this.nextId(chatId), chat_id: chatId, text, edits: 0 };
    if (p.parse_mode === 'HTML') msg.html = p.text;
    if (p.reply_markup) msg.reply_markup = p.reply_markup;
    const replyTo = p.reply_parameters?.message_id ?? p.reply_to_message_id;
    if (replyTo) msg.reply_to = replyTo;
    this.messages.set(`${chatId}:${msg.message_id}`, msg);
    return this.asMessage(msg);
  }

  edit(p: Params): Message.TextMessage {
    const msg = this.messages.get(`${Number(p.chat_id)}:${Number(p.message_id)}`);
    if (!msg) throw new Error('message to edit not found');
    const text = readText(p);
    checkMarkup(p.reply_markup);
    const html = p.parse_mode === 'HTML' ? p.text : undefined;
    if (text === msg.text && html === msg.html && JSON.stringify(p.reply_markup) === JSON.stringify(msg.reply_markup)) {
      throw new Error(
        'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
      );
    }
    // As in Telegram, an edit without reply_markup removes the keyboard.
    Object.assign(msg, { text, html, reply_markup: p.reply_markup, edits: msg.edits + 1 });
    return this.asMessage(msg);
  }

  private asMessage(m: BotMessage): Message.TextMessage {
    return {
      message_id: m.message_id,
      date: Math.floor(Date.now() / 1000),
      chat: { id: m.chat_id } as Chat,
      from: this.bot,
      text: m.text,
    } as Message.TextMessage;
  }
}

function readText(p: Params): string {
  let text = String(p.text ?? '');
  if (p.parse_mode === 'HTML') {
    const parsed = parseTelegramHtml(text);
    if (!parsed.ok) throw new ApiError(400, parsed.error);
    text = parsed.text;
  }
  if (!text.trim()) throw new Error('message text is empty');
  if (text.length > TEXT_LIMIT) throw new Error('message is too long');
  return text;
}

function checkMarkup(markup: InlineKeyboardMarkup | undefined): void {
  for (const b of markup?.inline_keyboard.flat() ?? []) {
    if (!b.text) throw new Error('BUTTON_TEXT_EMPTY');
    if ('callback_data' in b && (Buffer.byteLength(b.callback_data) > 64 || !b.callback_data)) throw new Error('BUTTON_DATA_INVALID');
  }
}
