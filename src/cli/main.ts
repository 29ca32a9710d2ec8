// The CLI entry: one command table, config loaded once, one error handler at the edge.
import { type Config, loadConfigFromProcess } from '../config.ts';
import { BotError, ConfigError, CorpusShrankError, describeError, hintOf, IndexLockedError, SnapshotMismatchError, SnapshotMissingError } from '../errors.ts';
import { setLogFormat, setLogLevel } from '../log.ts';

interface Command {
  run(argv: string[], config: Config): Promise<number>;
  help: string;
}

// Each command's module is imported only when that command runs: `ask` need not load Telegraf, the bench or
// the eval, which keeps a one-shot question's start-up short.
const COMMANDS: Record<string, () => Promise<Command>> = {
  ingest: () => import('./ingest.ts').then((m) => ({ run: m.runIngest, help: m.ingestHelp })),
  refresh: () => import('./refresh.ts').then((m) => ({ run: m.runRefresh, help: m.refreshHelp })),
  search: () => import('./search.ts').then((m) => ({ run: m.runSearch, help: m.searchHelp })),
  ask: () => import('./ask.ts').then((m) => ({ run: m.runAsk, help: m.askHelp })),
  chat: () => import('./chat.ts').then((m) => ({ run: m.runChat, help: m.chatHelp })),
  start: () => import('./start.ts').then((m) => ({ run: m.runStart, help: m.startHelp })),
  testchat: () => import('./testchat.ts').then((m) => ({ run: m.runTestChat, help: m.testChatHelp })),
  eval: () => import('./eval.ts').then((m) => ({ run: m.runEvalCommand, help: m.evalHelp })),
  bench: () => import('./bench.ts').then((m) => ({ run: m.runBenchCommand, help: m.benchHelp })),
  report: () => import('./report-gaps.ts').then((m) => ({ run: m.runReportCommand, help: m.reportHelp })),
};

async function usage(): Promise<string> {
  const commands = await Promise.all(Object.values(COMMANDS).map((load) => load()));
  return ['usage: wenzheng <command> [options]', '', ...commands.map((c) => c.help), ''].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(await usage());
    return name ? 0 : 1;
  }
  const load = COMMANDS[name];
  if (!load) {
    console.error(`unknown command: ${name}\n\n${await usage()}`);
    return 1;
  }
  try {
    const config = await loadConfigFromProcess();
    setLogLevel(config.logLevel);
    setLogFormat(config.logFormat);
    const command = await load();
    return await command.run(rest, config);
  } catch (err) {
    return handleError(err);
  }
}

export function handleError(err: unknown): number {
  console.error(`wenzheng: ${describeError(err)}`);
  const hint = hintOf(err);
  if (hint) console.error(`hint: ${hint}`);
  if (err instanceof ConfigError) return 64;
  if (err instanceof SnapshotMissingError || err instanceof SnapshotMismatchError) return 66;
  if (err instanceof BotError) return 69;
  if (err instanceof CorpusShrankError) return 65; // EX_DATAERR: the corpus looks wrong; the live index stays
  if (err instanceof IndexLockedError) return 75; // EX_TEMPFAIL: try again later
  if (!(err instanceof Error) || !('name' in err) || err.name === 'Error') console.error((err as Error)?.stack ?? '');
  return 1;
}
