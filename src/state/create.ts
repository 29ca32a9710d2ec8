// The state store factory: Redis when a URL is given (replicas share it), else SQLite in the data directory
// (one machine, no extra server). The bot gets a StateStore and never learns which one it has.
import { z } from 'zod';
import { ConfigError } from '../errors.ts';
import { RedisStore } from './redis.ts';
import { SqliteStore } from './sqlite.ts';
import type { StateOptions, StateStore } from './types.ts';

const Options = z.object({
  dataDir: z.string().min(1),
  redisUrl: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  // Part of every Redis key: keep it short and free of the ':' separator.
  namespace: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, _ . - only (1-64)'),
});

export async function createStateStore(opts: StateOptions): Promise<StateStore> {
  const parsed = Options.safeParse(opts);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`state store option ${issue?.path.join('.') || '?'}: ${issue?.message}`);
  }
  const { dataDir, redisUrl, namespace } = parsed.data;
  if (redisUrl) return RedisStore.connect(redisUrl, { namespace, now: opts.now });
  return SqliteStore.open(dataDir, { now: opts.now });
}
