// Test helper: a config pointing at temp dirs, and an index built from a corpus (the shipped one by default).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Config, loadConfig } from '../../src/config.ts';
import { ingest } from '../../src/ingest.ts';

export const SHIPPED_CORPUS = resolve(import.meta.dirname, '../../corpus');

export function tempDir(prefix = 'wz-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Defaults from an empty environment (never the developer's .env), with temp index and data dirs. */
export function testConfig(root: string, env: Record<string, string> = {}): Config {
  return loadConfig({ CORPUS_DIR: SHIPPED_CORPUS, INDEX_DIR: join(root, 'index'), DATA_DIR: join(root, 'data'), LOG_LEVEL: 'silent', ...env });
}

export async function buildTestIndex(root: string, env: Record<string, string> = {}): Promise<Config> {
  const config = testConfig(root, env);
  await ingest(config, { corpusDir: config.corpusDir, indexDir: config.indexDir, mode: 'full' });
  return config;
}
