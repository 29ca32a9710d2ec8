// The bot's lifecycle: a Telegraf instance over the App, launched with long polling or behind a webhook
// (node:http, secret token checked on every request), errors caught per update, and a graceful stop that
// lets answers in flight finish.
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Context, Telegraf } from 'telegraf';
import type { App } from '../app/app.ts';
import { ConfigError, describeError } from '../errors.ts';
import { log } from '../log.ts';
import { type ApiClientOptions, BotApiClient } from './api-client.ts';
import { FeedbackStore } from './feedback.ts';
import { createHandlers } from './handlers.ts';
import { ChatQueue } from './queue.ts';
import { sendParts } from './send.ts';
import { type BotServices, createServices, type ServiceOptions } from './services.ts';
import { uiTexts } from './texts.ts';
import { textView } from './views.ts';

const ALLOWED_UPDATES = ['message', 'callback_query'] as const;
const SECRET_FORMAT = /^[A-Za-z0-9_-]{1,256}$/;

export interface BotOptions extends ServiceOptions {
  token: string;
  /** Another Bot API server (self-hosted, or the local fake). */
  apiRoot?: string;
  /** Defaults to `<DATA_DIR>/feedback.sqlite`. */
  feedback?: FeedbackStore;
  /** Deadlines and retries of Bot API calls; `timeoutMs` defaults to TELEGRAM_TIMEOUT_MS. */
  api?: Partial<ApiClientOptions>;
}

export interface WebhookOptions {
  /** The public https URL Telegram posts to; its path is the path served locally. */
  url: string;
  port: number;
  host?: string;
  /** Checked on every request; a random one is made when unset (the bot registers it itself). */
  secret?: string;
}

/** Emitted when an update has been handled (replies sent), with the bot's own time for it. */
export interface HandledEvent {
  updateId: number;
  ms: number;
  ok: boolean;
}

export class WenzhengBot extends EventEmitter<{ handled: [HandledEvent] }> {
  readonly telegraf: Telegraf<Context>;
  readonly services: BotServices;
  /** Every Bot API call goes through it: deadlines, retries, and abandoning hung calls on shutdown. */
  readonly api: BotApiClient;
  private readonly queue = new ChatQueue();
  private readonly ownsFeedback: boolean;
  private running?: Promise<void>;
  private server?: Server;
  private stopping?: Promise<void>;

  constructor(app: App, opts: BotOptions) {
    super();
    this.ownsFeedback = !opts.feedback;
    const feedback = opts.feedback ?? FeedbackStore.open(app.config.dataDir);
    this.services = createServices(app, feedback, opts);
    // webhookReply off: replies must be real API calls (they carry message ids the streaming edits need).
    this.telegraf = new Telegraf(opts.token, { telegram: { apiRoot: opts.apiRoot, webhookReply: false } });
    this.api = new BotApiClient({ timeoutMs: app.config.telegram.timeoutMs, ...opts.api });
    this.api.install(this.telegraf.telegram);
    this.telegraf.catch((err, ctx) => this.onError(err, ctx));
    // Handle each update off the polling loop, in order within its chat, in parallel across chats.
    this.telegraf.use((ctx, next) => {
      this.api.install(ctx.telegram); // Telegraf makes a Telegram client per update
      const key = String(ctx.chat?.id ?? ctx.from?.id ?? 'other');
      const t0 = performance.now();
      const done = (ok: boolean) => this.emit('handled', { updateId: ctx.update.update_id, ms: performance.now() - t0, ok });
      void this.queue.run(key, async () => {
        try {
          await next();
          done(true);
        } catch (err) {
          await this.onError(err, ctx); // inside the task, so a shutdown waits for the apology too
          done(false);
        }
      });
    });
    this.telegraf.use(createHandlers(this.services));
  }

  /** Updates still being handled. */
  get pending(): number {
    return this.queue.pending;
  }

  /** Starts long polling; resolves once connected (getMe succeeded). */
  async startPolling(): Promise<void> {
    await this.prepare();
    let connected!: () => void;
    const ready = new Promise<void>((ok) => (connected = ok));
    this.running = this.telegraf.launch({ allowedUpdates: [...ALLOWED_UPDATES] }, () => connected());
    await Promise.race([ready, this.running]);
    log.info('bot started with long polling', { bot: `@${this.telegraf.botInfo?.username}` });
  }

  /** Serves the webhook on `port` and registers it with Telegram. Returns the local address. */
  async startWebhook(opts: WebhookOptions): Promise<AddressInfo> {
    const secret = opts.secret ?? randomBytes(24).toString('base64url');
    if (!SECRET_FORMAT.test(secret)) throw new ConfigError('WEBHOOK_SECRET may only contain A-Z, a-z, 0-9, _ and - (1-256 characters)');
    const path = new URL(opts.url).pathname || '/';
    await this.prepare();
    const callback = this.telegraf.webhookCallback(path, { secretToken: secret });
    this.server = createServer((req, res) =>
      callback(req, res).catch((err) => {
        log.error('webhook request failed', { error: describeError(err) });
        if (!res.headersSent) res.writeHead(500);
        res.end();
      }),
    );
    await new Promise<void>((ok, fail) => this.server!.once('error', fail).listen(opts.port, opts.host, ok));
    await this.telegraf.telegram.setWebhook(opts.url, { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES] });
    const address = this.server.address() as AddressInfo;
    log.info('bot started with a webhook', { url: opts.url, listening: `${address.address}:${address.port}`, path });
    this.running = new Promise((ok) => this.server!.once('close', ok));
    return address;
  }

  /** Resolves when the bot has stopped (after stop(), or when polling fails for good). */
  async finished(): Promise<void> {
    await this.running;
  }

  /** Stops taking updates, waits for answers in flight (up to `timeoutMs`, then abandons the Bot API calls
   * still hanging, so the whole stop takes `timeoutMs` at most), closes the feedback store. */
  stop(reason = 'stop', timeoutMs = 10_000): Promise<void> {
    this.stopping ??= (async () => {
      log.info('bot stopping', { reason, in_flight: this.queue.pending });
      const until = Date.now() + timeoutMs;
      const abandon = setTimeout(() => this.api.abortAll(`drain deadline of ${timeoutMs} ms passed (${reason})`), timeoutMs);
      if (this.server) {
        this.server.close();
        this.server.closeIdleConnections();
      } else if (this.running) {
        this.telegraf.stop(reason);
      }
      await this.running?.catch(() => undefined);
      if (!(await this.queue.idle(Math.max(0, until - Date.now())))) {
        this.api.abortAll(`drain deadline of ${timeoutMs} ms passed (${reason})`);
        // Abandoned calls fail at once; give their handlers a moment to unwind before closing the store.
        if (!(await this.queue.idle(500))) log.warn('stopped with answers still in flight', { in_flight: this.queue.pending });
      }
      clearTimeout(abandon);
      if (this.ownsFeedback) this.services.feedback.close();
    })();
    return this.stopping;
  }

  private async prepare(): Promise<void> {
    this.telegraf.botInfo ??= await this.telegraf.telegram.getMe();
    const tg = this.telegraf.telegram;
    await Promise.all([tg.setMyCommands(uiTexts('zh').commands), tg.setMyCommands(uiTexts('en').commands, { language_code: 'en' })]).catch((err) =>
      log.warn('could not set the command menu', { error: describeError(err) }),
    );
  }

  /** One failing update is logged and answered with an apology; the bot keeps going. */
  private async onError(err: unknown, ctx: Context): Promise<void> {
    log.error('update failed', { update_id: ctx.update.update_id, type: ctx.updateType, error: describeError(err) });
    if (!ctx.chat) return;
    await sendParts(ctx, textView(uiTexts(ctx.from?.language_code).failed)).catch(() => undefined);
  }
}
