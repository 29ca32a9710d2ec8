// Test helper: Telegram's webhook side, in front of the fake Bot API (src/dev/telegram-api.ts, which speaks
// long polling). It answers setWebhook / getWebhookInfo / deleteWebhook itself (and records them, so a test can
// see that no replica deletes the webhook), forwards every other call to the fake, and delivers updates to the
// webhook as Telegram does: POST with the secret header, and re-delivery of an update that was not acknowledged
// with 200 (error status, reset, timeout), with backoff, until a deadline.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Update } from 'telegraf/types';
import type { FakeTelegramApi } from '../../src/dev/telegram-api.ts';

export interface WebhookCall {
  method: 'setWebhook' | 'getWebhookInfo' | 'deleteWebhook';
  params: Record<string, unknown>;
}

export interface Delivery {
  updateId: number;
  /** Every attempt's outcome: an HTTP status, or the network error's code. */
  attempts: (number | string)[];
  acked: boolean;
  /** The replica that acknowledged it (its X-Wenzheng-Instance header). */
  instance?: string;
}

export class TelegramFront {
  readonly webhookCalls: WebhookCall[] = [];
  readonly deliveries: Delivery[] = [];
  private registered?: { url: string; secret?: string; allowed_updates?: string[] };
  private server?: Server;
  private upstream = '';

  /** `target`: where updates are POSTed (the local balancer), in place of the public URL registered. */
  constructor(
    private readonly fake: FakeTelegramApi,
    public target = '',
  ) {}

  async start(): Promise<string> {
    this.upstream = await this.fake.start();
    this.server = createServer((req, res) => void this.route(req, res));
    await new Promise<void>((ok) => this.server!.listen(0, '127.0.0.1', ok));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((ok) => (this.server ? this.server.close(() => ok()) : ok()));
    await this.fake.stop();
  }

  get webhook(): { url: string; secret?: string } | undefined {
    return this.registered;
  }

  /** POSTs `update` to the webhook until it is acknowledged with 200 or `deadlineMs` passed. */
  async deliver(update: Update, { deadlineMs = 20_000, timeoutMs = 10_000 } = {}): Promise<Delivery> {
    const d: Delivery = { updateId: update.update_id, attempts: [], acked: false };
    this.deliveries.push(d);
    const end = Date.now() + deadlineMs;
    const body = JSON.stringify(update);
    for (let wait = 50; Date.now() < end; wait = Math.min(wait * 2, 800)) {
      try {
        const res = await fetch(this.target || this.registered!.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': this.registered?.secret ?? '' },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        await res.arrayBuffer();
        d.attempts.push(res.status);
        if (res.status === 200) {
          d.acked = true;
          d.instance = res.headers.get('x-wenzheng-instance') ?? undefined;
          return d;
        }
      } catch (err) {
        const e = err as { cause?: { code?: string }; name?: string };
        d.attempts.push(e.cause?.code ?? e.name ?? 'error');
      }
      await new Promise((ok) => setTimeout(ok, wait));
    }
    return d;
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req as AsyncIterable<Buffer>) chunks.push(c);
    const body = Buffer.concat(chunks);
    const method = /\/bot[^/]+\/(\w+)$/.exec(new URL(req.url ?? '/', 'http://x').pathname)?.[1];
    if (method === 'setWebhook' || method === 'getWebhookInfo' || method === 'deleteWebhook') {
      const params = body.length ? (JSON.parse(body.toString()) as Record<string, unknown>) : {};
      this.webhookCalls.push({ method, params });
      let result: unknown = true;
      if (method === 'setWebhook')
        this.registered = { url: String(params.url), secret: params.secret_token as string, allowed_updates: params.allowed_updates as string[] };
      else if (method === 'deleteWebhook') this.registered = undefined;
      else
        result = { url: this.registered?.url ?? '', has_custom_certificate: false, pending_update_count: 0, allowed_updates: this.registered?.allowed_updates };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result }));
      return;
    }
    try {
      const up = await fetch(this.upstream + req.url, {
        method: req.method,
        headers: { 'content-type': 'application/json' },
        body: body.length ? body : undefined,
      });
      res.writeHead(up.status, { 'content-type': 'application/json' }).end(Buffer.from(await up.arrayBuffer()));
    } catch {
      res.writeHead(502).end();
    }
  }
}
