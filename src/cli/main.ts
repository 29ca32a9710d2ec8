// The CLI entry: one command table, config loaded once, one error handler at the edge.
import { type Config, loadConfigFromProcess } from '../config.ts';
import { BotError, ConfigError, describeError, IndexLockedError, SnapshotMismatchError, SnapshotMissingError } from '../errors.ts';
import { setLogLevel } from '../log.ts';
import { askHelp, runAsk } from './ask.ts';
import { benchHelp, runBenchCommand } from './bench.ts';
import { chatHelp, runChat } from './chat.ts';
import { evalHelp, runEvalCommand } from './eval.ts';
import { ingestHelp, runIngest } from './ingest.ts';
import { refreshHelp, runRefresh } from './refresh.ts';
import { runSearch, searchHelp } from './search.ts';
import { runStart, startHelp } from './start.ts';
import { runTestChat, testChatHelp } from './testchat.ts';

interface Command {
  run(argv: string[], config: Config): Promise<number>;
  help: string;
}

const COMMANDS: Record<string, Command> = {
  ingest: { run: runIngest, help: ingestHelp },
  refresh: { run: runRefresh, help: refreshHelp },
  search: { run: runSearch, help: searchHelp },
  ask: { run: runAsk, help: askHelp },
  chat: { run: runChat, help: chatHelp },
  start: { run: runStart, help: startHelp },
  testchat: { run: runTestChat, help: testChatHelp },
  eval: { run: runEvalCommand, help: evalHelp },
  bench: { run: runBenchCommand, help: benchHelp },
};

function usage(): string {
  return ['usage: wenzheng <command> [options]', '', ...Object.values(COMMANDS).map((c) => c.help), ''].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 1;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`unknown command: ${name}\n\n${usage()}`);
    return 1;
  }
  try {
    const config = await loadConfigFromProcess();
    setLogLevel(config.logLevel);
    return await command.run(rest, config);
  } catch (err) {
    return handleError(err);
  }
}

export function handleError(err: unknown): number {
  console.error(`wenzheng: ${describeError(err)}`);
  if (err instanceof ConfigError) return 64;
  if (err instanceof SnapshotMissingError || err instanceof SnapshotMismatchError) return 66;
  if (err instanceof BotError) return 69;
  if (err instanceof IndexLockedError) return 75; // EX_TEMPFAIL: try again later
  if (!(err instanceof Error) || !('name' in err) || err.name === 'Error') console.error((err as Error)?.stack ?? '');
  return 1;
}
