import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { resolveUserHashKey, USER_HASH_KEY_FILE } from '../../src/telegram/userkey.ts';
import { tempDir, testConfig } from '../helpers/shipped-index.ts';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

it('makes a key once and keeps it in DATA_DIR, so distinct-asker counts survive a restart', () => {
  const t = tempDir();
  cleanup = t.cleanup;
  const config = testConfig(t.dir);
  const first = resolveUserHashKey(config);
  expect(first.length).toBeGreaterThanOrEqual(32);
  expect(resolveUserHashKey(config)).toBe(first);
  const file = join(config.dataDir, USER_HASH_KEY_FILE);
  expect(readFileSync(file, 'utf8').trim()).toBe(first);
  expect(statSync(file).mode & 0o077).toBe(0); // readable by the bot's user only
});

it('uses USER_HASH_KEY when set, and writes nothing', () => {
  const t = tempDir();
  cleanup = t.cleanup;
  const config = testConfig(t.dir, { USER_HASH_KEY: ' s3cret ' });
  expect(resolveUserHashKey(config)).toBe('s3cret');
  expect(() => statSync(join(config.dataDir, USER_HASH_KEY_FILE))).toThrow();
});
