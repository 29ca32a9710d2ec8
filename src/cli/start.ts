// `wenzheng start` (`npm start`): builds the index when there is none, then runs the Telegram bot (long
// polling, or a webhook when WEBHOOK_URL is set) until SIGINT/SIGTERM; without a token, explains how to get
// one and opens the terminal chat, so a fresh clone does something useful with nothing configured.
import { TelegramError } from 'telegraf';
import { App } from '../app/app.ts';
import { startLiveReload } from '../app/live.ts';
import type { Config } from '../config.ts';
import { BotError } from '../errors.ts';
import { currentSnapshotName } from '../index/snapshot.ts';
import { log } from '../log.ts';
import { WenzhengBot } from '../telegram/bot.ts';
import { parse, withPaths } from './args.ts';
import { chatLoop } from './chat.ts';
import { runIngest } from './ingest.ts';

export const startHelp = `wenzheng start [--corpus DIR] [--index DIR]
  Build the index if there is none, then run the Telegram bot: long polling with TELEGRAM_BOT_TOKEN, a webhook
  when WEBHOOK_URL is also set (WEBHOOK_PORT, WEBHOOK_SECRET). State in DATA_DIR (SQLite), or in Redis with
  REDIS_URL (replicas); /healthz, /readyz, /metrics on the webhook port or METRICS_PORT. SIGTERM drains
  (DRAIN_SECONDS). Without a token, the terminal chat.`;

export const NO_TOKEN_HELP = `No TELEGRAM_BOT_TOKEN is set, so the Telegram bot is not started.
To put the bot on Telegram:
  1. In Telegram, open @BotFather, send /newbot, pick a name and a username ending in "bot".
  2. Put the token it replies with in .env:   TELEGRAM_BOT_TOKEN=123456789:AA...
  3. Run \`npm start\` again.
To try the real bot locally without Telegram: \`npm run testchat\`.
Meanwhile, here is the terminal chat over the same answers.
`;

export async function runStart(argv: string[], base: Config): Promise<number> {
  const { values } = parse(argv, {});
  if (values.help) return (void console.log(startHelp), 0);
  const config = withPaths(base, values);
  await ensureIndex(config);
  const app = App.open(config);
  if (!config.telegram.token) {
    console.log(NO_TOKEN_HELP);
    return chatLoop(app);
  }
  return runBot(app, config.telegram.token, config);
}

/** Builds the index from the corpus when no snapshot is live yet. */
export async function ensureIndex(config: Config): Promise<void> {
  if (currentSnapshotName(config.indexDir)) return;
  console.log(`No index at ${config.indexDir} yet: building it first.`);
  await runIngest([], config);
}

async function runBot(app: App, token: string, config: Config): Promise<number> {
  const t = config.telegram;
  const bot = await WenzhengBot.create(app, { token, apiRoot: t.apiRoot });
  // A refresh run beside the bot goes live between questions; SIGHUP makes it look at once. Through the bot, so
  // each new snapshot also sends its change notices.
  const live = startLiveReload(bot, config.indexDir);
  const stop = (signal: NodeJS.Signals) => void bot.stop(signal);
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    if (config.service.metricsPort !== undefined) {
      const ops = await bot.startOps(config.service.metricsPort, config.service.webhookHost);
      log.info('health and metrics served', { listening: `${ops.address}:${ops.port}` });
    }
    if (t.webhookUrl) await bot.startWebhook({ url: t.webhookUrl, port: t.webhookPort, host: config.service.webhookHost, secret: t.webhookSecret });
    else await bot.startPolling();
    await bot.finished();
  } catch (err) {
    await bot.stop('failed');
    throw explain(err);
  } finally {
    live.stop();
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
  await bot.stop('finished');
  // Answers still in flight past the drain deadline would keep the process alive: the deadline is the promise.
  if (bot.pending) setTimeout(() => process.exit(0), 100).unref();
  return 0;
}

/** Telegram's answers that stop the bot, in words an operator can act on. */
export function explain(err: unknown): unknown {
  if (err instanceof TelegramError && err.code === 401) {
    return new BotError('Telegram refused TELEGRAM_BOT_TOKEN (401 Unauthorized): copy the token again from @BotFather', { cause: err });
  }
  if (err instanceof TelegramError && err.code === 409) {
    return new BotError('another instance is receiving updates with this token (409 Conflict): stop it, or delete its webhook', { cause: err });
  }
  if (err instanceof Error && (err.name === 'FetchError' || /ECONNREFUSED|ENOTFOUND|EAI_AGAIN/.test(err.message))) {
    return new BotError('cannot reach the Telegram Bot API (check the network, or TELEGRAM_API_ROOT)', { cause: err });
  }
  return err;
}
