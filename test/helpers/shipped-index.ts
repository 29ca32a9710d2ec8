// Test helper: temp dirs, and a full index of the shipped corpus/ built in one (once per test file). The
// configuration comes from an explicit environment, never the developer's .env.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Engine } from '../../src/app/engine.ts';
import { ingest } from '../../src/app/ingest.ts';
import { type Config, type Env, loadConfig } from '../../src/config.ts';
import type { LoadedDoc } from '../../src/corpus/load.ts';
import type { BuildOptions } from '../../src/index/build.ts';
import { buildOurs } from '../../src/measure/bench/systems.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SHIPPED_CORPUS = join(ROOT, 'corpus');

export function tempDir(prefix = 'wz-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The offline defaults over the shipped corpus, with index and data dirs under `root`. */
export function testConfig(root: string, env: Env = {}): Config {
  return loadConfig({ CORPUS_DIR: SHIPPED_CORPUS, INDEX_DIR: join(root, 'index'), DATA_DIR: join(root, 'data'), LOG_LEVEL: 'silent', ...env }, ROOT);
}

/** An engine over a few fixture documents, built in memory with the offline defaults (its temp dir removed). */
export async function fixtureEngine(docs: LoadedDoc[], opts: Pick<BuildOptions, 'situations'> = {}): Promise<Engine> {
  const tmp = tempDir();
  try {
    return (await buildOurs(docs, testConfig(tmp.dir), opts)).engine;
  } finally {
    tmp.cleanup();
  }
}

export interface ShippedIndex {
  dir: string;
  /** The configuration the index was built with (offline unless `env` says otherwise). */
  config: Config;
  /** The same index with more environment variables (e.g. LLM_*). */
  with(env: Env): Config;
  cleanup(): void;
}

export async function shippedIndex(env: Env = {}): Promise<ShippedIndex> {
  const { dir, cleanup } = tempDir('wenzheng-test-');
  const config = testConfig(dir, env);
  await ingest(config, { corpusDir: config.corpusDir, indexDir: config.indexDir, mode: 'full' });
  return { dir, config, with: (more) => testConfig(dir, { ...env, ...more }), cleanup };
}
