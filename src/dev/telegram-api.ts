// A local fake of the Telegram Bot API (node:http) for tests and `npm run testchat`: real long polling with
// offsets (an update is delivered again until an offset confirms it), the 4096-character limit, "message is not
// modified", HTML parsing, 64-byte callback data, and scripted faults per method (hang, reset, 5xx, 4xx, 429:
// `fake.faults`). Tests inject what a user does (messages, button presses) and read what the bot sent.
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Chat, Message, Update, User } from 'telegraf/types';
import { ApiError, type BotMessage, ChatLog, type Params } from './telegram-chats.ts';
import { defaultDescription, describeFault, type Fault, FaultScript } from './telegram-faults.ts';

export type { BotMessage } from './telegram-chats.ts';
export type { Fault } from './telegram-faults.ts';

/** One Bot API call the bot made, with what the fake answered. */
export interface BotCall {
  method: string;
  params: Params;
  at: number;
  ok: boolean;
  error?: string;
}

export interface DeliveredUpdate {
  update: Update;
  injectedAt: number;
  /** When a getUpdates response first carried it to the bot. */
  deliveredAt?: number;
  /** How many getUpdates responses carried it (more than one: the bot did not confirm it in time). */
  deliveries: number;
}

export class FakeTelegramApi extends EventEmitter {
  readonly token: string;
  readonly bot: User = { id: 777000111, is_bot: true, first_name: '问政', username: 'wenzheng_test_bot' };
  readonly calls: BotCall[] = [];
  readonly updates: DeliveredUpdate[] = [];
  /** getUpdates calls answered or held open so far (faulted ones are in `calls`). */
  polls = 0;
  /** Faults the next calls of a method will meet. */
  readonly faults = new FaultScript();
  private queue: DeliveredUpdate[] = [];
  private poller?: { res: ServerResponse; timer: NodeJS.Timeout };
  private hung = new Set<ServerResponse>();
  private openQueries = new Set<string>();
  private nextUpdateId = 1;
  private queryCount = 0;
  private server?: Server;
  private readonly chats: ChatLog;

  constructor(token = '123456:TEST-token') {
    super();
    this.token = token;
    this.chats = new ChatLog(this.bot);
  }

  /** Starts listening on a free local port; returns the apiRoot to give Telegraf. */
  async start(port = 0): Promise<string> {
    this.server = createServer((req, res) => void this.route(req, res));
    await new Promise<void>((ok) => this.server!.listen(port, '127.0.0.1', ok));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    if (this.poller) this.flushPoll([]);
    this.server?.closeAllConnections();
    await new Promise<void>((ok) => (this.server ? this.server.close(() => ok()) : ok()));
  }

  /** The next `times` calls of `method` fail with 429 "retry after `retryAfter` s". */
  failNext(method: string, retryAfter: number, times = 1): void {
    this.faults.add(method, { status: 429, retryAfter, times });
  }

  /** Requests held open by a `hang` fault that the bot has not given up on yet. */
  get hanging(): number {
    return this.hung.size;
  }

  // ---- what a user does ----

  sendText(from: User, chat: Chat, text: string, extra: Partial<Message.TextMessage> = {}): Update.MessageUpdate<Message.TextMessage> {
    const entities = [...text.matchAll(/^\/[a-zA-Z_]+(@\w+)?|@\w+/g)].map((m) => ({
      type: m[0].startsWith('/') ? ('bot_command' as const) : ('mention' as const),
      offset: m.index!,
      length: m[0].length,
    }));
    return this.sendMessage(from, chat, { text, ...(entities.length ? { entities } : {}), ...extra }) as Update.MessageUpdate<Message.TextMessage>;
  }

  /** Any message; `fields` carries its content (e.g. `{ sticker: {...} }`). */
  sendMessage(from: User, chat: Chat, fields: Params): Update.MessageUpdate {
    const message = { message_id: this.chats.nextId(chat.id), date: now(), chat, from, ...fields } as Message;
    return this.push({ message } as Update) as Update.MessageUpdate;
  }

  /** Presses an inline button the bot is currently showing on `message`. */
  pressButton(from: User, message: BotMessage, data: string): Update.CallbackQueryUpdate {
    const buttons = message.reply_markup?.inline_keyboard.flat() ?? [];
    if (!buttons.some((b) => 'callback_data' in b && b.callback_data === data)) {
      throw new Error(`message ${message.message_id} shows no button with data ${data}`);
    }
    const id = `cq${++this.queryCount}`;
    this.openQueries.add(id);
    const chat = { id: message.chat_id, type: message.chat_id > 0 ? 'private' : 'group' } as Chat;
    const msg = { message_id: message.message_id, date: now(), chat, from: this.bot, text: message.text } as Message;
    return this.push({ callback_query: { id, from, message: msg, chat_instance: String(message.chat_id), data } } as Update) as Update.CallbackQueryUpdate;
  }

  /** Any update as it would come from Telegram (the update_id is set here). */
  push(update: Omit<Update, 'update_id'>): Update {
    const full = { update_id: this.nextUpdateId++, ...update } as Update;
    const entry: DeliveredUpdate = { update: full, injectedAt: performance.now(), deliveries: 0 };
    this.updates.push(entry);
    this.queue.push(entry);
    if (this.poller) this.flushPoll(this.queue.slice(0, 100));
    return full;
  }

  // ---- what the bot did ----

  /** Updates not yet confirmed by the bot (a getUpdates offset past them). */
  get unconfirmed(): number {
    return this.queue.length;
  }

  messagesIn(chatId: number): BotMessage[] {
    return this.chats.in(chatId);
  }

  /** Resolves with the first call (from index `since` on) that matches, waiting for it if needed. */
  waitForCall(match: (c: BotCall) => boolean, { since = 0, timeoutMs = 5000 } = {}): Promise<BotCall> {
    const found = this.calls.slice(since).find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const onCall = (c: BotCall) => {
        if (!match(c)) return;
        clearTimeout(timer);
        this.off('call', onCall);
        resolve(c);
      };
      const timer = setTimeout(() => {
        this.off('call', onCall);
        reject(new Error(`no matching bot call within ${timeoutMs} ms`));
      }, timeoutMs);
      this.on('call', onCall);
    });
  }

  // ---- the HTTP side ----

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const m = /^\/bot([^/]+)\/(\w+)$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
    let body = '';
    for await (const chunk of req) body += chunk;
    if (!m || m[1] !== this.token) return reply(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const method = m[2];
    const params: Params = body ? JSON.parse(body) : {};
    const fault = this.faults.take(method, params);
    if (fault) return this.inject(fault, { method, params, at: performance.now(), ok: false, error: describeFault(fault) }, res);
    if (method === 'getUpdates') return this.getUpdates(params, req, res);
    const call: BotCall = { method, params, at: performance.now(), ok: true };
    try {
      const result = this.handle(method, params);
      reply(res, 200, { ok: true, result });
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError(400, `Bad Request: ${(err as Error).message}`);
      Object.assign(call, { ok: false, error: `${e.code}: ${e.description}` });
      reply(res, e.code, { ok: false, error_code: e.code, description: e.description, ...(e.parameters ? { parameters: e.parameters } : {}) });
    }
    this.calls.push(call);
    this.emit('call', call);
  }

  /** Answers a call the way `fault` says; the call is logged as failed. */
  private inject(fault: Fault, call: BotCall, res: ServerResponse): void {
    this.calls.push(call);
    this.emit('call', call);
    if ('hang' in fault) {
      this.hung.add(res);
      res.once('close', () => this.hung.delete(res));
    } else if ('reset' in fault) {
      res.socket?.destroy();
    } else {
      const description = fault.description ?? defaultDescription(fault.status, fault.retryAfter);
      const parameters = fault.status === 429 ? { parameters: { retry_after: fault.retryAfter ?? 1 } } : {};
      reply(res, fault.status, { ok: false, error_code: fault.status, description, ...parameters });
    }
  }

  private getUpdates(params: Params, req: IncomingMessage, res: ServerResponse): void {
    this.polls++;
    this.emit('poll');
    const offset = Number(params.offset ?? 0);
    if (offset > 0) this.queue = this.queue.filter((u) => u.update.update_id >= offset);
    if (this.poller) {
      const old = this.poller;
      this.poller = undefined;
      clearTimeout(old.timer);
      reply(old.res, 409, { ok: false, error_code: 409, description: 'Conflict: terminated by other getUpdates request' });
    }
    const batch = this.queue.slice(0, Number(params.limit ?? 100));
    if (batch.length || !params.timeout) {
      this.deliver(res, batch);
      return;
    }
    const timer = setTimeout(() => this.flushPoll([]), Number(params.timeout) * 1000);
    this.poller = { res, timer };
    req.on('close', () => {
      if (this.poller?.res === res && !res.writableEnded) {
        clearTimeout(timer);
        this.poller = undefined;
      }
    });
  }

  private flushPoll(batch: DeliveredUpdate[]): void {
    const p = this.poller!;
    this.poller = undefined;
    clearTimeout(p.timer);
    this.deliver(p.res, batch);
  }

  private deliver(res: ServerResponse, batch: DeliveredUpdate[]): void {
    const t = performance.now();
    for (const u of batch) {
      u.deliveredAt ??= t;
      u.deliveries++;
    }
    reply(res, 200, { ok: true, result: batch.map((u) => u.update) });
  }

  private handle(method: string, p: Params): unknown {
    switch (method) {
      case 'getMe':
        return this.bot;
      case 'setMyCommands':
      case 'deleteWebhook':
      case 'setWebhook':
      case 'sendChatAction':
      case 'answerInlineQuery':
        if (method === 'sendChatAction' && !p.chat_id) throw new Error('chat_id is empty');
        return true;
      case 'sendMessage':
        return this.chats.send(p);
      case 'editMessageText':
        return this.chats.edit(p);
      case 'answerCallbackQuery':
        if (!this.openQueries.delete(String(p.callback_query_id))) {
          throw new Error('query is too old and response timeout expired or query ID is invalid');
        }
        return true;
      default:
        throw new ApiError(404, 'Not Found: method not found');
    }
  }
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  if (res.writableEnded) return;
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function now(): number {
  return Math.floor(Date.now() / 1000);
}
