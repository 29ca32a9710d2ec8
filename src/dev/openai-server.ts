// A local OpenAI-compatible server for tests and manual checks (node:http): /v1/chat/completions (JSON and SSE
// streaming), /v1/embeddings, /v1/models. Tests script its replies (text, HTTP errors, delays, broken bodies)
// and read the recorded requests. Unscripted, it answers from the passages it is given: the first sentence of
// passage 1 with [1], which is enough to check the protocol end to end, not a model's quality.
//   npx tsx src/dev/openai-server.ts --port 8787
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

export interface RecordedRequest {
  path: string;
  body: any;
}

/** One scripted reply to a chat request. */
export interface FakeReply {
  /** The assistant's content (streamed in small pieces when the request asks for a stream). */
  text?: string;
  /** Answer with this HTTP status and an OpenAI-style error body instead. */
  status?: number;
  /** Wait this long before answering (for timeouts). */
  delayMs?: number;
  /** Wait this long between streamed pieces. */
  chunkDelayMs?: number;
  /** Send this body as is (a broken JSON body). */
  rawBody?: string;
}

export type ChatHandler = (body: any) => FakeReply;

export interface FakeOpenAiOptions {
  port?: number;
  /** Dimension of the fake embeddings. */
  dim?: number;
}

export class FakeOpenAiServer {
  readonly requests: RecordedRequest[] = [];
  private readonly queue: (FakeReply | ChatHandler)[] = [];
  private readonly embedQueue: FakeReply[] = [];
  private closed = false;

  private constructor(
    private readonly server: Server,
    readonly dim: number,
  ) {}

  static async start(opts: FakeOpenAiOptions = {}): Promise<FakeOpenAiServer> {
    let self: FakeOpenAiServer | undefined;
    const server = createServer((req, res) => void self!.handle(req, res));
    self = new FakeOpenAiServer(server, opts.dim ?? 48);
    await new Promise<void>((ok) => server.listen(opts.port ?? 0, '127.0.0.1', ok));
    return self;
  }

  /** The base URL to configure, ending in /v1. */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  /** Replies for the next chat requests, in order; after them the default (passage-echoing) reply. */
  script(...replies: (FakeReply | ChatHandler)[]): void {
    this.queue.push(...replies);
  }

  /** Replies for the next embedding requests (only `status` and `delayMs` apply); then real fake vectors. */
  scriptEmbeddings(...replies: FakeReply[]): void {
    this.embedQueue.push(...replies);
  }

  /** Recorded chat requests. */
  get chats(): any[] {
    return this.requests.filter((r) => r.path.endsWith('/chat/completions')).map((r) => r.body);
  }

  reset(): void {
    this.queue.length = 0;
    this.embedQueue.length = 0;
    this.requests.length = 0;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.server.closeAllConnections();
    await new Promise<void>((ok) => this.server.close(() => ok()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    let body: any;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      return send(res, 400, error('invalid JSON body'));
    }
    const path = (req.url ?? '').split('?')[0];
    this.requests.push({ path, body });
    if (req.method === 'GET' && path === '/v1/models') {
      return send(res, 200, {
        object: 'list',
        data: [
          { id: 'fake-chat', object: 'model' },
          { id: 'fake-embed', object: 'model' },
        ],
      });
    }
    if (req.method === 'POST' && path === '/v1/embeddings') {
      const reply = this.embedQueue.shift() ?? {};
      if (reply.delayMs) await sleep(reply.delayMs);
      return send(res, reply.status ?? 200, reply.status ? error(`scripted ${reply.status}`) : this.embeddings(body));
    }
    if (req.method === 'POST' && path === '/v1/chat/completions') {
      const next = this.queue.shift() ?? defaultReply;
      return this.chat(res, body, typeof next === 'function' ? next(body) : next);
    }
    send(res, 404, error(`no route ${req.method} ${path}`));
  }

  private async chat(res: ServerResponse, body: any, reply: FakeReply): Promise<void> {
    if (reply.delayMs) await sleep(reply.delayMs);
    if (res.destroyed) return;
    if (reply.status) return send(res, reply.status, error(`scripted ${reply.status}`));
    if (reply.rawBody !== undefined) {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(reply.rawBody);
    }
    const text = reply.text ?? '';
    const base = { id: 'chatcmpl-fake', created: 0, model: body?.model ?? 'fake-chat' };
    if (!body?.stream) {
      return send(res, 200, {
        ...base,
        object: 'chat.completion',
        choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
      });
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const event = (delta: object, finish: string | null = null) =>
      res.write(`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`);
    event({ role: 'assistant', content: '' });
    for (const piece of pieces(text)) {
      if (reply.chunkDelayMs) await sleep(reply.chunkDelayMs);
      if (res.destroyed) return;
      event({ content: piece });
    }
    event({}, 'stop');
    res.end('data: [DONE]\n\n');
  }

  private embeddings(body: any) {
    const inputs: string[] = Array.isArray(body?.input) ? body.input : [body?.input ?? ''];
    const data = inputs.map((text, index) => ({ object: 'embedding', index, embedding: fakeVector(String(text), this.dim) }));
    return { object: 'list', model: body?.model ?? 'fake-embed', data, usage: { prompt_tokens: 0, total_tokens: 0 } };
  }
}

/** Unscripted chat: a rewrite request gets its question back (plus its Chinese terms); an answer request gets
 *  passage 1's first sentence, cited [1]. */
export function defaultReply(body: any): FakeReply {
  const user: string = body?.messages?.find((m: any) => m.role === 'user')?.content ?? '';
  const question = /<question>\n?([\s\S]*?)\n?<\/question>/.exec(user)?.[1].trim() ?? '';
  if (!user.includes('<passage')) {
    const terms = question.match(/\p{Script=Han}{2,}/gu) ?? [];
    return { text: `QUESTION: ${question}\nTERMS: ${terms.join(' ')}` };
  }
  const passage = /<passage n="1">\n[^\n]*\n([\s\S]*?)\n<\/passage>/.exec(user)?.[1] ?? '';
  const sentence = /^[\s\S]*?[。！？!?]/.exec(passage)?.[0] ?? passage;
  return { text: `${sentence.trim()} [1]\nSOURCES: 1\nANSWERED: yes` };
}

/** A deterministic, deliberately unnormalized vector: character bigram counts hashed into `dim` buckets. */
export function fakeVector(text: string, dim: number): number[] {
  const v = new Array<number>(dim).fill(0);
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const gram = chars[i] + (chars[i + 1] ?? '');
    let h = 2166136261;
    for (let j = 0; j < gram.length; j++) h = Math.imul(h ^ gram.charCodeAt(j), 16777619) >>> 0;
    v[h % dim] += 1 + (h % 7);
  }
  v[0] += 1; // never the zero vector
  return v;
}

/** Text cut into small pieces, as a model streams tokens (a few characters each, code points kept whole). */
export function pieces(text: string, size = 3): string[] {
  const chars = [...text];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''));
  return out;
}

function error(message: string) {
  return { error: { message, type: 'fake_error', code: null } };
}

function send(res: ServerResponse, status: number, body: object): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function sleep(ms: number): Promise<void> {
  return new Promise((ok) => setTimeout(ok, ms));
}

// Standalone: `npx tsx src/dev/openai-server.ts [--port 8787] [--dim 48]`, for the README's manual check.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '8787' }, dim: { type: 'string', default: '48' } } });
  const server = await FakeOpenAiServer.start({ port: Number(values.port), dim: Number(values.dim) });
  console.log(`fake OpenAI-compatible server at ${server.url} (Ctrl-C to stop)`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
