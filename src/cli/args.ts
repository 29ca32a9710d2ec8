// Shared CLI option parsing: every command takes --corpus/--index overrides on top of the env config.

import { resolve } from 'node:path';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { Config } from '../config.ts';
import { ConfigError } from '../errors.ts';

export type Options = NonNullable<ParseArgsConfig['options']>;

export const COMMON: Options = {
  corpus: { type: 'string' },
  index: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

export function parse(argv: string[], options: Options) {
  try {
    return parseArgs({ args: argv, options: { ...COMMON, ...options }, allowPositionals: true, strict: true });
  } catch (cause) {
    throw new ConfigError((cause as Error).message, { cause });
  }
}

/** Apply --corpus / --index to a config. */
export function withPaths(config: Config, values: Record<string, unknown>): Config {
  return {
    ...config,
    corpusDir: typeof values.corpus === 'string' ? resolve(values.corpus) : config.corpusDir,
    indexDir: typeof values.index === 'string' ? resolve(values.index) : config.indexDir,
  };
}

export function positiveInt(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new ConfigError(`${name} must be a positive integer, got ${String(value)}`);
  return n;
}

/** Lines of stdin, trimmed, empty ones skipped: the input of --jsonl modes. */
export async function* stdinLines(): AsyncGenerator<string> {
  const { createInterface } = await import('node:readline');
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    const t = line.trim();
    if (t) yield t;
  }
}

/** Write one line to stdout, waiting for the pipe to drain so large outputs are never cut. */
export function writeLine(line: string): Promise<void> {
  return new Promise((res) => {
    if (process.stdout.write(line + '\n')) res();
    else process.stdout.once('drain', res);
  });
}
