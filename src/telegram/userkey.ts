// The secret key of the user hash in the question log (USER_HASH_KEY). Unset, one is made once and kept in
// DATA_DIR, so distinct-asker counts stay stable across restarts; it is never written into the store beside the
// hashes it keys (a key stored with its hashes would let anyone holding the store enumerate Telegram ids).
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.ts';
import { ConfigError } from '../errors.ts';
import { log } from '../log.ts';

export const USER_HASH_KEY_FILE = 'user-hash.key';

export function resolveUserHashKey(config: Pick<Config, 'dataDir' | 'loop' | 'service'>): string {
  if (config.loop.userHashKey) return config.loop.userHashKey;
  const file = join(config.dataDir, USER_HASH_KEY_FILE);
  try {
    const kept = readFileSync(file, 'utf8').trim();
    if (kept) return kept;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new ConfigError(`cannot read the user-hash key ${file}`, { cause: err, hint: 'set USER_HASH_KEY, or fix the permissions of DATA_DIR' });
    }
  }
  const key = randomBytes(32).toString('base64url');
  mkdirSync(config.dataDir, { recursive: true });
  // 'wx': two processes starting together must not each write their own key; the loser reads the winner's.
  try {
    writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
    throw new ConfigError(`cannot write the user-hash key ${file}`, { cause: err, hint: 'set USER_HASH_KEY, or make DATA_DIR writable' });
  }
  if (config.service.redisUrl) log.warn('USER_HASH_KEY is not set: each replica keeps its own key, so distinct-asker counts split; set it');
  return key;
}
