// `npm start` as an operator runs it: on a fresh index dir it builds the index; without a token it explains
// how to get one and opens the terminal chat; with one it runs the bot until SIGTERM and stops cleanly.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { FakeTelegramApi } from '../../src/dev/telegram-api.ts';
import { freePort } from '../helpers/ports.ts';
import { CORPUS } from '../telegram/harness.ts';

const BIN = fileURLToPath(new URL('../../bin/wenzheng.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'wenzheng-start-'));
const env: NodeJS.ProcessEnv = { ...process.env, CORPUS_DIR: CORPUS, INDEX_DIR: join(dir, 'index'), DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'info' };
delete env.TELEGRAM_BOT_TOKEN;
delete env.WEBHOOK_URL;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function start(extraEnv: Record<string, string>, stdin?: string) {
  const child = spawn(process.execPath, [BIN, 'start'], { env: { ...env, ...extraEnv }, cwd: dir });
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (d) => (out.stdout += d));
  child.stderr.on('data', (d) => (out.stderr += d));
  if (stdin !== undefined) child.stdin.end(stdin);
  const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
  return { child, out, exited };
}

it('without a token: builds the missing index, explains @BotFather, and answers in the terminal chat', async () => {
  const run = start({}, '什么是三治融合\n');
  expect(await run.exited).toBe(0);
  expect(run.out.stdout).toContain('No index at');
  expect(run.out.stdout).toMatch(/indexed 4 documents/);
  expect(run.out.stdout).toContain('@BotFather');
  expect(run.out.stdout).toContain('三治融合');
  expect(run.out.stdout).toContain('[1]');
});

it('with a token: answers through the Bot API at TELEGRAM_API_ROOT and stops cleanly on SIGTERM', async () => {
  const fake = new FakeTelegramApi();
  const apiRoot = await fake.start();
  try {
    const run = start({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: apiRoot });
    const u = { id: 9, is_bot: false as const, first_name: 'C', language_code: 'zh' };
    fake.sendText(u, { id: 9, type: 'private', first_name: 'C' }, '什么是三治融合？');
    const answer = await fake.waitForCall((c) => c.method === 'sendMessage' && c.params.chat_id === 9, { timeoutMs: 20_000 });
    expect(String(answer.params.text)).toContain('三治融合');
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.out.stderr).toContain('bot started with long polling');
    expect(run.out.stderr).toContain('bot stopping {"reason":"SIGTERM"');
    expect(fake.unconfirmed).toBe(0); // the handled update was confirmed: a restart will not answer it twice
  } finally {
    await fake.stop();
  }
});

it('with a token Telegram refuses: says what to do and exits with an error', async () => {
  const fake = new FakeTelegramApi();
  const apiRoot = await fake.start();
  try {
    const run = start({ TELEGRAM_BOT_TOKEN: '1:not-the-token', TELEGRAM_API_ROOT: apiRoot });
    expect(await run.exited).toBe(69);
    expect(run.out.stderr).toContain('Telegram refused TELEGRAM_BOT_TOKEN (401 Unauthorized)');
  } finally {
    await fake.stop();
  }
});

it('with WEBHOOK_URL: registers the webhook, answers a POSTed update, stops cleanly on SIGTERM', async () => {
  const fake = new FakeTelegramApi();
  const apiRoot = await fake.start();
  const port = await freePort();
  try {
    const run = start({
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: apiRoot,
      WEBHOOK_URL: 'https://bot.example.org/hook',
      WEBHOOK_PORT: String(port),
      WEBHOOK_SECRET: 'operator-secret',
      // Each run its own state: every fake numbers its updates from 1, and the store remembers answered ones.
      DATA_DIR: join(dir, 'data-webhook'),
    });
    const registered = await fake.waitForCall((c) => c.method === 'setWebhook', { timeoutMs: 20_000 });
    expect(registered.params).toMatchObject({ url: 'https://bot.example.org/hook', secret_token: 'operator-secret' });
    const u = { id: 11, is_bot: false, first_name: 'D' };
    const update = { update_id: 1, message: { message_id: 1, date: 0, chat: { id: 11, type: 'private', first_name: 'D' }, from: u, text: '什么是四季评议？' } };
    const res = await fetch(`http://127.0.0.1:${port}/hook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'operator-secret' },
      body: JSON.stringify(update),
    });
    expect(res.status).toBe(200);
    const answer = await fake.waitForCall((c) => c.method === 'sendMessage' && c.params.chat_id === 11, { timeoutMs: 10_000 });
    expect(String(answer.params.text)).toContain('四季评议');
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.out.stderr).toContain('bot started with a webhook');
  } finally {
    await fake.stop();
  }
});

it('with a token: a refresh run beside the bot goes live between questions, without a restart', async () => {
  const corpus = join(dir, 'live-corpus');
  cpSync(CORPUS, corpus, { recursive: true });
  const extra = { CORPUS_DIR: corpus, INDEX_DIR: join(dir, 'live-index'), DATA_DIR: join(dir, 'live-data') };
  const fake = new FakeTelegramApi();
  const apiRoot = await fake.start();
  try {
    const run = start({ ...extra, TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: apiRoot });
    const u = { id: 12, is_bot: false as const, first_name: 'E', language_code: 'zh' };
    const chat = { id: 12, type: 'private' as const, first_name: 'E' };
    const ask = async (text: string) => {
      const before = fake.calls.length;
      fake.sendText(u, chat, text);
      const call = await fake.waitForCall((c) => c.method === 'sendMessage' && c.params.chat_id === 12, { since: before, timeoutMs: 20_000 });
      return String(call.params.text);
    };
    expect(await ask('数字乡村驿站是什么？')).toContain('没有找到');
    // The citizen asks to be told when it can be answered: the live pickup sends the notice (issue 14).
    const refusal = fake.messagesIn(12).at(-1)!;
    const follow = refusal.reply_markup!.inline_keyboard.flat().find((b) => b.text === '🔔 能回答时通知我') as { callback_data: string };
    const pressedAt = fake.calls.length;
    fake.pressButton(u, refusal, follow.callback_data);
    await fake.waitForCall((c) => c.method === 'answerCallbackQuery', { since: pressedAt, timeoutMs: 20_000 });
    const noticeFrom = fake.calls.length;
    writeFileSync(
      join(corpus, '数字乡村驿站.md'),
      '---\ntitle: 关于建设数字乡村驿站的通知\n---\n\n各镇要建设“数字乡村驿站”，为群众提供政务代办、电商服务和法律咨询。\n',
    );
    const refresh = spawnSync(process.execPath, [BIN, 'refresh'], { env: { ...env, ...extra }, encoding: 'utf8' });
    expect(refresh.status, refresh.stderr).toBe(0);
    await waitFor(() => run.out.stderr.includes('a new snapshot is live'), 10_000);
    const notice = await fake.waitForCall((c) => c.method === 'sendMessage' && Number(c.params.chat_id) === 12, { since: noticeFrom, timeoutMs: 20_000 });
    expect(String(notice.params.text)).toContain('现在有答案了');
    const answer = await ask('数字乡村驿站是什么？');
    expect(answer).toContain('政务代办');
    expect(answer).toContain('关于建设数字乡村驿站的通知');
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  } finally {
    await fake.stop();
  }
});

async function waitFor(cond: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the condition');
    await new Promise((r) => setTimeout(r, 50));
  }
}
