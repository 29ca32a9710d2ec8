// The Telegram side of streaming: while an answer is being written, send a first message and edit it as the
// text grows, at most one call per `intervalMs` (Telegram allows about one message per second per chat),
// skipping identical text ("message is not modified"). The final edit carries the full answer and buttons.
import type { InlineKeyboardMarkup } from 'telegraf/types';
import { describeError } from '../errors.ts';
import { log } from '../log.ts';
import { draftView } from './views.ts';

/** What a streaming reply needs from Telegram: send a message, edit one. */
export interface MessageApi {
  send(html: string, markup?: InlineKeyboardMarkup, replyTo?: number): Promise<number>;
  edit(messageId: number, html: string, markup?: InlineKeyboardMarkup): Promise<void>;
}

export const DEFAULT_STREAM_INTERVAL_MS = 1200;

export class StreamingReply {
  private messageId?: number;
  private shown?: string;
  private latest?: string;
  private lastCallAt = -Infinity;
  private timer?: NodeJS.Timeout;
  private chain: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly api: MessageApi,
    private readonly opts: { intervalMs: number; replyTo?: number },
  ) {}

  /** The growing answer text (onPartial). Never throws; failures of an intermediate edit are only logged. */
  partial(text: string): void {
    if (this.closed || !text.trim()) return;
    this.latest = draftView(text);
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.closed) return;
    const delay = Math.max(0, this.lastCallAt + this.opts.intervalMs - performance.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.chain = this.chain.then(() => this.push());
    }, delay);
  }

  /** One send or edit with the latest draft, if it differs from what is shown (schedule() kept the pace). */
  private async push(): Promise<void> {
    const html = this.latest;
    if (this.closed || !html || html === this.shown) return;
    this.lastCallAt = performance.now();
    try {
      if (this.messageId === undefined) this.messageId = await this.api.send(html, undefined, this.opts.replyTo);
      else await this.api.edit(this.messageId, html);
      this.shown = html;
    } catch (err) {
      log.warn('streaming edit failed', { error: describeError(err) });
    }
    if (this.latest !== this.shown) this.schedule();
  }

  /** Sends the final answer: the streamed message becomes its first part; the keyboard goes on the last part. */
  async finish(parts: string[], markup?: InlineKeyboardMarkup): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.chain;
    const wait = this.lastCallAt + this.opts.intervalMs - performance.now();
    if (this.messageId !== undefined && wait > 0) await new Promise((ok) => setTimeout(ok, wait));
    for (let i = 0; i < parts.length; i++) {
      const keyboard = i === parts.length - 1 ? markup : undefined;
      if (i === 0 && this.messageId !== undefined) await this.api.edit(this.messageId, parts[0], keyboard);
      else await this.api.send(parts[i], keyboard, i === 0 ? this.opts.replyTo : undefined);
    }
  }
}
