// The webhook server of one replica (node:http): Telegram's POSTs at the path of WEBHOOK_URL with the secret
// header, taken in with a body limit and decoded only once the whole body arrived (a UTF-8 character split across
// chunks stays whole), claimed in the store, acknowledged with 200 at once, and answered after the 200. While
// draining (SIGTERM) it takes nothing new: 503 so the balancer moves on. /healthz, /readyz, /metrics beside it.
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import type { Telegram } from 'telegraf';
import type { Update } from 'telegraf/types';
import { describeError } from '../errors.ts';
import { log } from '../log.ts';
import type { ContextStore } from '../state/types.ts';
import { type OpsProbe, serveOps } from './health.ts';
import type { UpdateGate } from './updates.ts';

/** Names the replica that answered a request (X-Wenzheng-Instance), for operators reading balancer logs. */
const INSTANCE = `${hostname()}:${process.pid}`;

/** Telegram's updates are a few kB; 1 MB leaves room and stops a flood of bytes before it costs memory. */
export const MAX_BODY_BYTES = 1024 * 1024;
export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

export interface WebhookServerOptions {
  path: string;
  secret: string;
  gate: UpdateGate;
  /** Answers an update (after the 200 was sent). */
  handle(update: Update): Promise<void>;
  ops: OpsProbe;
  maxBodyBytes?: number;
}

export class WebhookServer {
  readonly server: Server;
  private draining = false;
  /** Requests being taken in (body read, claim pending): a drain waits for them too. */
  private intake = 0;
  private readonly secret: Buffer;
  private readonly maxBody: number;

  constructor(private readonly opts: WebhookServerOptions) {
    this.secret = Buffer.from(opts.secret);
    this.maxBody = opts.maxBodyBytes ?? MAX_BODY_BYTES;
    this.server = createServer((req, res) =>
      this.onRequest(req, res).catch((err) => {
        log.error('webhook request failed', { error: describeError(err) });
        send(res, 500, 'error');
      }),
    );
  }

  async listen(port: number, host?: string): Promise<AddressInfo> {
    await new Promise<void>((ok, fail) => this.server.once('error', fail).listen(port, host, ok));
    return this.server.address() as AddressInfo;
  }

  get isDraining(): boolean {
    return this.draining;
  }

  /** Stops taking updates: new connections are refused, requests on open ones get 503. */
  drain(): void {
    this.draining = true;
    this.server.close();
    this.server.closeIdleConnections();
  }

  /** Resolves when no request is being taken in, or after `timeoutMs`. */
  async intakeIdle(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.intake > 0 && Date.now() < deadline) await new Promise((ok) => setTimeout(ok, 10));
    return this.intake === 0;
  }

  close(): void {
    this.draining = true;
    this.server.close();
    this.server.closeAllConnections();
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (serveOps(req, res, this.opts.ops)) return;
    if (this.draining) return send(res, 503, 'draining', { connection: 'close', 'retry-after': '1' });
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (req.method !== 'POST' || path !== this.opts.path || !this.secretMatches(req.headers[SECRET_HEADER])) {
      req.resume();
      return send(res, 403, 'forbidden');
    }
    if (Number(req.headers['content-length'] ?? 0) > this.maxBody) return tooLarge(req, res);
    this.intake++;
    try {
      const body = await readBody(req, this.maxBody);
      if (!body) return tooLarge(req, res);
      const update = parseUpdate(body);
      if (!update) return send(res, 400, 'not an update');
      this.opts.ops.metrics.updates.inc();
      let admission: Awaited<ReturnType<UpdateGate['admitWebhook']>>;
      try {
        admission = await this.opts.gate.admitWebhook(update.update_id);
      } catch (err) {
        // The store is unreachable: Telegram keeps the update and retries, which beats answering it twice.
        log.warn('cannot claim an update, asking Telegram to retry', { update_id: update.update_id, error: describeError(err) });
        return send(res, 503, 'state store unavailable', { 'retry-after': '5' });
      }
      if (admission === 'duplicate') return send(res, 200, 'duplicate');
      if (admission === 'busy') return send(res, 503, 'being taken in elsewhere', { 'retry-after': '1' });
      await new Promise<void>((ok) => {
        res.once('close', ok);
        send(res, 200, 'ok');
      });
      void this.opts.gate.confirm(update.update_id);
      void this.opts.handle(update);
    } finally {
      this.intake--;
    }
  }

  private secretMatches(header: string | string[] | undefined): boolean {
    if (typeof header !== 'string') return false;
    const given = Buffer.from(header);
    return given.length === this.secret.length && timingSafeEqual(given, this.secret);
  }
}

/** The whole body as bytes, or undefined as soon as it grows past `max` (the rest is not read). */
async function readBody(req: IncomingMessage, max: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Decodes the complete body (never chunk by chunk, which would break a character split between chunks). */
function parseUpdate(body: Buffer): Update | undefined {
  try {
    const value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body)) as Update;
    return value && Number.isSafeInteger(value.update_id) ? value : undefined;
  } catch {
    return undefined;
  }
}

function tooLarge(req: IncomingMessage, res: ServerResponse): void {
  send(res, 413, 'body too large', { connection: 'close' });
  res.once('finish', () => req.destroy());
}

function send(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { 'content-type': 'text/plain', 'x-wenzheng-instance': INSTANCE, ...headers }).end(`${text}\n`);
}

/** An update kind as setWebhook's allowed_updates names it. */
type UpdateKind = NonNullable<Parameters<Telegram['setWebhook']>[1]>['allowed_updates'] extends ReadonlyArray<infer K> | undefined ? K : never;

/** The store key remembering which webhook (URL, secret, update kinds) was registered, shared by replicas. */
const WEBHOOK_MARK = 'webhook:registered';
const YEAR_MS = 365 * 24 * 3600_000;

/** setWebhook only when Telegram's webhook differs from ours (URL, or the secret/update kinds last registered,
 * which getWebhookInfo does not show): N replicas starting together make one call, not N. A new update kind
 * (inline_query, issue 14) changes the mark, so an upgraded bot registers again. */
export async function registerWebhook(
  tg: Pick<Telegram, 'getWebhookInfo' | 'setWebhook'>,
  contexts: ContextStore,
  url: string,
  secret: string,
  allowedUpdates: readonly UpdateKind[],
): Promise<void> {
  const mark = createHash('sha256')
    .update(JSON.stringify([url, secret, allowedUpdates]))
    .digest('base64url');
  const info = await tg.getWebhookInfo().catch((err) => void log.warn('getWebhookInfo failed; registering anyway', { error: describeError(err) }));
  const registered = await contexts.get<string>(WEBHOOK_MARK).catch(() => undefined);
  if (info?.url === url && registered === mark) return void log.info('webhook already registered', { url });
  await tg.setWebhook(url, { secret_token: secret, allowed_updates: allowedUpdates });
  await contexts.set(WEBHOOK_MARK, mark, YEAR_MS);
}
