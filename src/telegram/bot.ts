// The bot's lifecycle: a Telegraf instance over the App and a state store, launched with long polling or behind
// a webhook (webhook.ts), errors caught per update, and a graceful stop that lets answers in flight finish
// within a deadline. It never deletes the webhook when it stops: a rolling restart must not take the bot off air.
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Context, Telegraf, type Telegram, TelegramError } from 'telegraf';
import type { Update } from 'telegraf/types';
import type { App } from '../app/app.ts';
import { ConfigError, describeError } from '../errors.ts';
import { log } from '../log.ts';
import type { StateStore } from '../state/types.ts';
import { type ApiClientOptions, BotApiClient } from './api-client.ts';
import { createHandlers } from './handlers.ts';
import { type OpsProbe, runChecks, startOpsServer } from './health.ts';
import { BotLoop } from './loop.ts';
import { BotMetrics } from './metrics.ts';
import { Poller } from './poller.ts';
import { ChatQueue } from './queue.ts';
import type { Failure } from './retry.ts';
import { sendParts } from './send.ts';
import { type BotServices, createServices, type ServiceOptions } from './services.ts';
import { openStateStore } from './state.ts';
import { uiTexts } from './texts.ts';
import { UpdateGate } from './updates.ts';
import { textView } from './views.ts';
import { registerWebhook, WebhookServer } from './webhook.ts';

const ALLOWED_UPDATES = ['message', 'callback_query', 'inline_query'] as const;
const SECRET_FORMAT = /^[A-Za-z0-9_-]{1,256}$/;

export interface BotOptions extends ServiceOptions {
  token: string;
  /** Another Bot API server (self-hosted, or the local fake). */
  apiRoot?: string;
  /** Defaults to the store of the App's config (SQLite in DATA_DIR, or Redis with REDIS_URL); closed on stop
   * only when the bot opened it. */
  store?: StateStore;
  /** Deadlines and retries of Bot API calls; `timeoutMs` defaults to TELEGRAM_TIMEOUT_MS. */
  api?: Partial<ApiClientOptions>;
  metrics?: BotMetrics;
  /** Pause between two change notices (default NOTICE_GAP_MS). */
  noticeGapMs?: number;
}

export interface WebhookOptions {
  /** The public https URL Telegram posts to; its path is the path served locally. */
  url: string;
  port: number;
  host?: string;
  /** Checked on every request; a random one is made when unset (the bot registers it itself). Replicas need
   * the same one: set WEBHOOK_SECRET. */
  secret?: string;
  maxBodyBytes?: number;
}

/** Emitted when an update has been handled (replies sent), with the bot's own time for it. */
export interface HandledEvent {
  updateId: number;
  ms: number;
  ok: boolean;
  /** Dropped: already answered (polling after a restart). */
  duplicate?: boolean;
}

export class WenzhengBot extends EventEmitter<{ handled: [HandledEvent] }> {
  readonly telegraf: Telegraf<Context>;
  readonly services: BotServices;
  readonly metrics: BotMetrics;
  /** Every Bot API call goes through it: deadlines, retries, and abandoning hung calls on shutdown. */
  readonly api: BotApiClient;
  /** Question-log retention and the change notices of each reload. */
  readonly loop: BotLoop;
  private readonly queue: ChatQueue;
  private readonly gate: UpdateGate;
  private mode?: 'polling' | 'webhook';
  private running?: Promise<void>;
  private poller?: Poller;
  private webhook?: WebhookServer;
  private ops?: Server;
  private stopping?: Promise<void>;

  private constructor(
    readonly app: App,
    private readonly store: StateStore,
    private readonly ownsStore: boolean,
    opts: BotOptions,
  ) {
    super();
    this.metrics = opts.metrics ?? new BotMetrics();
    this.queue = new ChatQueue(app.config.service.answerConcurrency);
    this.services = createServices(app, store, this.metrics, opts.token, opts);
    this.loop = new BotLoop(this.services, () => this.telegraf.telegram, { noticeGapMs: opts.noticeGapMs });
    this.gate = new UpdateGate(store.updates, this.metrics, app.config.service.updateLeaseMs, opts.token.split(':')[0]);
    // webhookReply off: replies must be real API calls (they carry message ids the streaming edits need).
    // No handler timeout: Telegraf's (90 s) would apologise while the answer is still being sent; every Bot API
    // call has its own deadline instead.
    this.telegraf = new Telegraf(opts.token, { handlerTimeout: Number.POSITIVE_INFINITY, telegram: { apiRoot: opts.apiRoot, webhookReply: false } });
    // Every failed attempt is counted (429s and timeouts too), before the retry decides what happens next.
    const onFailure = (method: string, failure: Failure, err: unknown) =>
      this.metrics.apiFailure(method, failure === 'timeout' ? 'timeout' : err instanceof TelegramError ? err.code : undefined);
    this.api = new BotApiClient({ timeoutMs: app.config.telegram.timeoutMs, onFailure, ...opts.api });
    const wrap = (tg: Telegram) => this.api.install(tg);
    wrap(this.telegraf.telegram);
    this.telegraf.catch((err, ctx) => this.onError(err, ctx));
    // In order within a chat, in parallel across chats. The middleware waits for the answer, so the poller
    // (poller.ts) knows when an update may be confirmed to Telegram.
    this.telegraf.use(async (ctx, next) => {
      wrap(ctx.telegram);
      const key = String(ctx.chat?.id ?? ctx.from?.id ?? 'other');
      await this.queue.run(key, () => this.handle(ctx, next));
    });
    this.telegraf.use(createHandlers(this.services, { reload: () => this.reload() }));
  }

  /** A bot over `app`, with the state store given or opened from the App's config. */
  static async create(app: App, opts: BotOptions): Promise<WenzhengBot> {
    const store = opts.store ?? (await openStateStore(app.config));
    return new WenzhengBot(app, store, !opts.store, opts);
  }

  /** Swaps in a new live snapshot and sends the change notices it causes: what live reload (startLiveReload),
   * SIGHUP and /reload call instead of App.reload. */
  reload(): boolean {
    return this.loop.reload();
  }

  status(): ReturnType<App['status']> {
    return this.app.status();
  }

  /** Updates still being handled. */
  get pending(): number {
    return this.queue.pending;
  }

  /** Starts long polling; resolves once connected (getMe succeeded). */
  async startPolling(): Promise<void> {
    this.mode = 'polling';
    await this.prepare();
    await this.telegraf.telegram.deleteWebhook();
    this.poller = new Poller(this.telegraf.telegram, (update) => this.telegraf.handleUpdate(update), { allowedUpdates: ALLOWED_UPDATES });
    this.running = this.poller.run();
    log.info('bot started with long polling', { bot: `@${this.telegraf.botInfo?.username}`, store: this.store.kind });
  }

  /** Serves the webhook on `port` and registers it with Telegram when it is not registered yet. */
  async startWebhook(opts: WebhookOptions): Promise<AddressInfo> {
    this.mode = 'webhook';
    const secret = opts.secret ?? randomBytes(24).toString('base64url');
    if (!SECRET_FORMAT.test(secret)) throw new ConfigError('WEBHOOK_SECRET may only contain A-Z, a-z, 0-9, _ and - (1-256 characters)');
    if (!opts.secret) log.warn('WEBHOOK_SECRET is not set: using a random one, which works for one replica only');
    const path = new URL(opts.url).pathname || '/';
    await this.prepare();
    this.webhook = new WebhookServer({
      path,
      secret,
      gate: this.gate,
      ops: this.probe(),
      maxBodyBytes: opts.maxBodyBytes,
      handle: (update) => this.telegraf.handleUpdate(update),
    });
    const address = await this.webhook.listen(opts.port, opts.host);
    await registerWebhook(this.telegraf.telegram, this.store.contexts, opts.url, secret, ALLOWED_UPDATES);
    log.info('bot started with a webhook', { url: opts.url, listening: `${address.address}:${address.port}`, path, store: this.store.kind });
    this.running = new Promise((ok) => this.webhook!.server.once('close', ok));
    return address;
  }

  /** /healthz, /readyz and /metrics on a port of their own. */
  async startOps(port: number, host?: string): Promise<AddressInfo> {
    const { server, address } = await startOpsServer(this.probe(), port, host);
    this.ops = server;
    return address;
  }

  /** Resolves when the bot has stopped (after stop(), or when polling fails for good). */
  async finished(): Promise<void> {
    await this.running;
  }

  /** Stops taking updates (webhook: 503; polling: no next batch), lets answers in flight finish until the
   * deadline, then closes the store. Never deletes the webhook. */
  stop(reason = 'stop', timeoutMs = this.app.config.service.drainMs): Promise<void> {
    this.stopping ??= (async () => {
      const deadline = Date.now() + timeoutMs;
      log.info('bot stopping', { reason, in_flight: this.queue.pending });
      const abandon = setTimeout(() => this.api.abortAll(`drain deadline of ${timeoutMs} ms passed (${reason})`), timeoutMs);
      if (this.webhook) {
        this.webhook.drain();
        await this.webhook.intakeIdle(timeoutMs);
      } else {
        this.poller?.stop();
      }
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((ok) => (timer = setTimeout(ok, Math.max(0, deadline - Date.now()))));
      await Promise.race([this.running?.catch(() => undefined), late]);
      clearTimeout(timer);
      if (!(await this.queue.idle(Math.max(0, deadline - Date.now())))) {
        this.api.abortAll(`drain deadline of ${timeoutMs} ms passed (${reason})`);
        // Abandoned calls fail at once; give their handlers a moment to unwind before closing the store.
        if (!(await this.queue.idle(500))) log.warn('stopped with answers still in flight', { in_flight: this.queue.pending });
      }
      clearTimeout(abandon);
      // Tell Telegram what was answered (after an abandoned answer this fails at once: Telegram re-delivers
      // the rest, and the store's claims sort out what is a duplicate).
      await this.poller?.confirm().catch((err) => log.warn('could not confirm the last updates to Telegram', { error: describeError(err) }));
      this.webhook?.close();
      this.ops?.close();
      this.ops?.closeAllConnections();
      this.loop.stop();
      // Notices already being sent finish (within what is left of the deadline) before the store closes.
      await Promise.race([this.loop.settled(), new Promise((ok) => setTimeout(ok, Math.max(0, deadline - Date.now())).unref())]);
      if (this.ownsStore) await this.store.close().catch(() => undefined);
    })();
    return this.stopping;
  }

  private probe(): OpsProbe {
    return {
      metrics: this.metrics,
      readiness: () =>
        runChecks({
          index: () => `${this.app.status().snapshot} (${this.app.status().chunks} passages)`,
          store: async () => (await this.store.ping(), this.store.kind),
          intake: () => {
            if (this.webhook?.isDraining || this.stopping) throw new Error('draining');
          },
        }),
    };
  }

  /** One update, inside its chat's queue. Polling de-duplicates here (webhook did so before its 200). */
  private async handle(ctx: Context, next: () => Promise<void>): Promise<void> {
    const updateId = ctx.update.update_id;
    const t0 = performance.now();
    const done = (ok: boolean, duplicate?: boolean) => this.emit('handled', { updateId, ms: performance.now() - t0, ok, ...(duplicate ? { duplicate } : {}) });
    if (this.mode !== 'webhook') {
      this.metrics.updates.inc();
      const take = await this.gate.admitPolled(updateId).catch((err) => {
        log.warn('cannot check the update claim, answering anyway', { update_id: updateId, error: describeError(err) });
        return true;
      });
      if (!take) {
        done(true, true);
        return;
      }
    }
    try {
      await next();
      done(true);
    } catch (err) {
      await this.onError(err, ctx); // inside the task, so a shutdown waits for the apology too
      done(false);
    }
    if (this.mode !== 'webhook') await this.gate.confirm(updateId);
  }

  private async prepare(): Promise<void> {
    this.telegraf.botInfo ??= await this.telegraf.telegram.getMe();
    this.loop.start();
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

  /** For tests and the webhook server: handle one update as if Telegram had sent it. */
  handleUpdate(update: Update): Promise<void> {
    return this.telegraf.handleUpdate(update);
  }
}
