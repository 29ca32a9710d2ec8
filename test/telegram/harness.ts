// Test harness: a small index built from the shipped corpus in a temp dir, the fake Bot API, and the real
// bot launched against it with long polling; users who send messages and press buttons, and wait for the
// bot to have handled each update.
import type { Chat, Update, User } from 'telegraf/types';
import type { Answerer } from '../../src/answer/types.ts';
import { App } from '../../src/app/app.ts';
import type { Config } from '../../src/config.ts';
import { type BotCall, type BotMessage, FakeTelegramApi } from '../../src/dev/telegram-api.ts';
import { setLogLevel } from '../../src/log.ts';
import { SqliteStore } from '../../src/state/sqlite.ts';
import { type BotOptions, type HandledEvent, WenzhengBot } from '../../src/telegram/bot.ts';
import { SHIPPED_CORPUS, type ShippedIndex, shippedIndex } from '../helpers/shipped-index.ts';

export const CORPUS = SHIPPED_CORPUS;

/** A config over a temp dir, with the shipped corpus indexed into it. */
export async function buildTestIndex(env: Record<string, string> = {}): Promise<ShippedIndex> {
  setLogLevel('silent');
  return shippedIndex(env);
}

export function user(id: number, language_code = 'zh-hans', first_name = `user${id}`): User {
  return { id, is_bot: false, first_name, language_code };
}

export function privateChat(u: User): Chat.PrivateChat {
  return { id: u.id, type: 'private', first_name: u.first_name };
}

export function groupChat(id: number): Chat.SupergroupChat {
  return { id, type: 'supergroup', title: '村务群' };
}

export interface Harness {
  fake: FakeTelegramApi;
  bot: WenzhengBot;
  app: App;
  /** Injects an update and waits until the bot has handled it; returns the calls toward users it made meanwhile. */
  handle(inject: () => Update): Promise<BotCall[]>;
  say(from: User, chat: Chat, text: string): Promise<BotCall[]>;
  press(from: User, message: BotMessage, data: string): Promise<BotCall[]>;
  close(): Promise<void>;
}

/** `now` is the state store's clock (rate windows, context expiry), so a test can let a minute pass at once. */
export async function startHarness(config: Config, opts: { answerer?: Answerer; now?: () => number } & Partial<BotOptions> = {}): Promise<Harness> {
  const fake = new FakeTelegramApi();
  const apiRoot = await fake.start();
  const app = App.open(config, opts.answerer);
  const store = opts.store ?? SqliteStore.open(config.dataDir, { now: opts.now });
  const bot = await WenzhengBot.create(app, { token: fake.token, apiRoot, ...opts, store });
  await bot.startPolling();
  const handle = async (inject: () => Update) => {
    const since = fake.calls.length;
    const waiting: { id?: number; done?: () => void } = {};
    const handled = new Promise<void>((resolve) => (waiting.done = resolve));
    const on = (e: HandledEvent) => {
      if (e.updateId !== waiting.id) return;
      bot.off('handled', on);
      waiting.done!();
    };
    bot.on('handled', on);
    waiting.id = inject().update_id;
    await handled;
    return fake.calls.slice(since).filter(towardUsers);
  };
  return {
    fake,
    bot,
    app,
    handle,
    say: (from, chat, text) => handle(() => fake.sendText(from, chat, text)),
    press: (from, message, data) => handle(() => fake.pressButton(from, message, data)),
    async close() {
      await bot.stop('test over');
      await fake.stop();
      if (!opts.store) await store.close();
    },
  };
}

/** Calls that reach a user (messages, chat actions, button answers), not lifecycle calls such as deleteWebhook. */
function towardUsers(c: BotCall): boolean {
  return 'chat_id' in c.params || 'callback_query_id' in c.params;
}

/** The messages a call list sent (sendMessage) or rewrote (editMessageText), in order. */
export function texts(calls: BotCall[]): string[] {
  return calls.filter((c) => c.ok && (c.method === 'sendMessage' || c.method === 'editMessageText')).map((c) => String(c.params.text));
}
