// `wenzheng testchat` (`npm run testchat`): the real bot, long polling against a local fake of the Telegram Bot
// API; the operator types as a Telegram user and sees exactly what the bot sends, buttons included.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Chat, User } from 'telegraf/types';
import { App } from '../app/app.ts';
import type { Config } from '../config.ts';
import { type BotCall, type BotMessage, FakeTelegramApi } from '../dev/telegram-api.ts';
import { ConfigError } from '../errors.ts';
import { type HandledEvent, WenzhengBot } from '../telegram/bot.ts';
import { openStateStore } from '../telegram/state.ts';
import { parse, withPaths } from './args.ts';
import { ensureIndex } from './start.ts';

export const testChatHelp = `wenzheng testchat [--lang zh|en] [--group] [--html] [--index DIR]
  Chat with the real bot through a local fake Telegram: type a question or a /command as a user; the bot's
  messages are printed with their buttons numbered; type a number to press that button. /sticker sends a
  sticker, /quit (or Ctrl-D) leaves. --group puts you in a group chat (mention @wenzheng_test_bot there),
  --html prints the raw HTML the bot sent. You are an admin here, so /status and /reload work.`;

const STICKER = { sticker: { file_id: 'sticker', file_unique_id: 'sticker', type: 'regular', width: 512, height: 512, is_animated: false, is_video: false } };

export async function runTestChat(argv: string[], base: Config): Promise<number> {
  const { values } = parse(argv, { lang: { type: 'string' }, group: { type: 'boolean' }, html: { type: 'boolean' } });
  if (values.help) return (void console.log(testChatHelp), 0);
  const lang = String(values.lang ?? 'zh');
  if (!['zh', 'en'].includes(lang)) throw new ConfigError(`--lang must be zh or en, got ${lang}`);
  const me: User = { id: 10001, is_bot: false, first_name: 'Tester', language_code: lang === 'en' ? 'en' : 'zh-hans' };
  const config = withPaths(base, values);
  await ensureIndex(config);
  const app = App.open({ ...config, telegram: { ...config.telegram, adminIds: [...config.telegram.adminIds, me.id] } });

  const fake = new FakeTelegramApi();
  const apiRoot = await fake.start();
  const chat: Chat = values.group ? { id: -1001, type: 'supergroup', title: 'test group' } : { id: me.id, type: 'private', first_name: me.first_name };
  // Votes and conversations of a test chat stay out of the operators' state store.
  const scratch = mkdtempSync(join(tmpdir(), 'wenzheng-testchat-'));
  const store = await openStateStore({ dataDir: scratch, service: { ...config.service, redisUrl: undefined } });
  const bot = await WenzhengBot.create(app, { token: fake.token, apiRoot, store });
  const screen = new Screen(Boolean(values.html));
  fake.on('call', (c: BotCall) => screen.show(c, fake));
  await bot.startPolling();
  console.log(
    `Test chat: the real bot, polling a local fake Telegram at ${apiRoot}.\n` +
      `You are ${me.first_name} (id ${me.id}, ${lang}, admin) in a ${chat.type} chat${values.group ? ` (mention @${fake.bot.username})` : ''}.\n` +
      'Type a question or /start; a number presses that button of the last keyboard; /sticker; /quit to leave.\n',
  );

  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  rl.setPrompt('you> ');
  rl.prompt();
  try {
    for await (const raw of rl) {
      const line = raw.trim();
      if (!process.stdin.isTTY) console.log(line); // piped input: echo it so the transcript reads like a chat
      if (line === '/quit' || line === '/exit') break;
      if (line) {
        const button = /^\d+$/.test(line) ? screen.button(Number(line)) : undefined;
        if (/^\d+$/.test(line) && !button) console.log(`  (no button ${line}: there are ${screen.count} on the last keyboard)`);
        else {
          const update = button
            ? fake.pressButton(me, button.message, button.data)
            : line === '/sticker'
              ? fake.sendMessage(me, chat, STICKER)
              : fake.sendText(me, chat, line);
          await handled(bot, update.update_id);
        }
      }
      rl.prompt();
    }
  } finally {
    rl.close();
    await bot.stop('test chat over');
    await fake.stop();
    await store.close();
    rmSync(scratch, { recursive: true, force: true });
  }
  return 0;
}

/** Waits until the bot has finished with an update, so its replies print before the next prompt. */
function handled(bot: WenzhengBot, updateId: number, timeoutMs = 120_000): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, timeoutMs);
    function on(e: HandledEvent) {
      if (e.updateId === updateId) done();
    }
    function done() {
      clearTimeout(timer);
      bot.off('handled', on);
      resolve();
    }
    bot.on('handled', on);
  });
}

/** Prints what the bot does, as the user would see it, and remembers the last keyboard for pressing. */
class Screen {
  private buttons: { message: BotMessage; data: string }[] = [];

  constructor(private readonly html: boolean) {}

  get count(): number {
    return this.buttons.length;
  }

  button(n: number): { message: BotMessage; data: string } | undefined {
    return this.buttons[n - 1];
  }

  show(c: BotCall, fake: FakeTelegramApi): void {
    if (!c.ok) return void console.log(`  ✗ ${c.method} refused by Telegram: ${c.error}`);
    if (c.method === 'sendChatAction') return void console.log(`  … ${c.params.action}`);
    if (c.method === 'answerCallbackQuery') return void (c.params.text && console.log(`  (pop-up) ${c.params.text}`));
    if (c.method !== 'sendMessage' && c.method !== 'editMessageText') return;
    const chatId = Number(c.params.chat_id);
    const message =
      c.method === 'sendMessage' ? fake.messagesIn(chatId).at(-1)! : fake.messagesIn(chatId).find((m) => m.message_id === Number(c.params.message_id))!;
    const head =
      c.method === 'sendMessage'
        ? `bot #${message.message_id}${message.reply_to ? ` (reply to #${message.reply_to})` : ''}`
        : `bot #${message.message_id} (edited)`;
    const body = this.html ? (message.html ?? message.text) : message.text;
    console.log(`${head}\n${body.replace(/^/gm, '  │ ')}`);
    const keyboard = message.reply_markup?.inline_keyboard ?? [];
    if (!keyboard.length) return;
    this.buttons = [];
    for (const row of keyboard) {
      const cells = row.map((b) => {
        this.buttons.push({ message, data: 'callback_data' in b ? b.callback_data : '' });
        return `[${this.buttons.length}] ${b.text}`;
      });
      console.log(`  ${cells.join('   ')}`);
    }
  }
}
