// Test helper for refresh, kill and live tests: temp corpora written file by file, a config over them (never
// the developer's .env), embedding calls counted, and the CLI run as a child process.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { vi } from 'vitest';
import { type Config, loadConfig } from '../../src/config.ts';
import { HashEmbeddings } from '../../src/index/embeddings/hash.ts';
import { TEST_ENV } from './env.ts';
import { tempDir } from './shipped-index.ts';

export { TEST_ENV };
export const BIN = resolve(import.meta.dirname, '../../bin/wenzheng.mjs');

export function tempRoot(prefix = 'wz-refresh-'): { root: string; cleanup: () => void } {
  const { dir, cleanup } = tempDir(prefix);
  return { root: dir, cleanup };
}

export function corpusConfig(root: string, env: Record<string, string> = {}): Config {
  return loadConfig({ CORPUS_DIR: join(root, 'corpus'), INDEX_DIR: join(root, 'index'), DATA_DIR: join(root, 'data'), ...TEST_ENV, ...env });
}

export function writeFiles(dir: string, files: Record<string, string | Buffer>): void {
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
}

/** Count the texts the offline embedding is asked to embed for documents (queries are not counted). */
export function countEmbedded(): { count: () => number; restore: () => void } {
  // Ingest embeds chunks through embedFoldedRows (texts already in matching form); embedDocuments is the
  // LangChain interface, for any other caller.
  const rows = vi.spyOn(HashEmbeddings.prototype, 'embedFoldedRows');
  const docs = vi.spyOn(HashEmbeddings.prototype, 'embedDocuments');
  return {
    count: () => rows.mock.calls.reduce((n, [, r]) => n + r.length, 0) + docs.mock.calls.reduce((n, [texts]) => n + texts.length, 0),
    restore: () => {
      rows.mockRestore();
      docs.mockRestore();
    },
  };
}

export interface CliRun {
  child: ChildProcess;
  /** What the child wrote to stderr so far. */
  stderr: () => string;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** `wenzheng <args>` in a child process, from a directory without a .env, with the test environment. */
export function runCli(args: string[], cwd: string): CliRun {
  return runNode([BIN, ...args], cwd);
}

/** A refresh in a child process that kills itself at a write step (see refresh-child.ts), or runs to the end. */
export function runRefreshChild(corpus: string, index: string, cwd: string, killAt?: number): CliRun {
  const script = resolve(import.meta.dirname, '../app/ingest/refresh-child.ts');
  // tsx resolved here, not from the child's cwd (a temp dir without node_modules).
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return runNode(['--import', tsx, script, corpus, index, ...(killAt === undefined ? [] : [String(killAt)])], cwd);
}

function runNode(args: string[], cwd: string): CliRun {
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...TEST_ENV }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (b) => (stdout += b));
  child.stderr!.on('data', (b) => (stderr += b));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((res) =>
    child.on('close', (code, signal) => res({ code, signal, stdout, stderr })),
  );
  return { child, done, stderr: () => stderr };
}

/** A small deterministic PRNG (mulberry32): fixed seeds make "random" kill points reproducible. */
export { seeded } from '../../src/measure/bench/synthetic.ts';

/** Wait until `cond` holds, checking every 20 ms; fail after `ms`. */
export async function until(cond: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
