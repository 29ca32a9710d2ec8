// Two processes on one SQLite file really do race (in one process better-sqlite3 calls never interleave):
// the limit and the claims must still hold exactly, through the file's write lock.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, expect, it } from 'vitest';
import { SqliteStore } from '../../src/state/sqlite.ts';

const WORKER = join(import.meta.dirname, 'fixtures', 'sqlite-worker.ts');
const dir = mkdtempSync(join(tmpdir(), 'wz-state-procs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Worker {
  proc: ChildProcessWithoutNullStreams;
  next(): Promise<string>;
}

function worker(count: number, order: 'up' | 'down'): Worker {
  const proc = spawn(process.execPath, ['--import', 'tsx', WORKER, dir, String(count), order], { stdio: 'pipe' });
  let stderr = '';
  proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: proc.stdout })[Symbol.asyncIterator]();
  const next = async () => {
    const line = await lines.next();
    if (line.done) throw new Error(`worker ended early:\n${stderr}`);
    return line.value as string;
  };
  return { proc, next };
}

it('two processes hitting one SQLite store: exactly `limit` allowed, each update claimed once', async () => {
  await SqliteStore.open(dir).close(); // the schema exists before the race
  const workers = [worker(400, 'up'), worker(400, 'down')];
  for (const w of workers) expect(await w.next()).toBe('ready');
  for (const w of workers) w.proc.stdin.write('go\n');
  const results = await Promise.all(workers.map(async (w) => JSON.parse(await w.next()) as { allowed: number; claimed: number[] }));
  await Promise.all(workers.map((w) => (w.proc.exitCode === null ? once(w.proc, 'exit') : undefined)));
  expect(results[0].allowed + results[1].allowed).toBe(7);
  const all = [...results[0].claimed, ...results[1].claimed].sort((x, y) => x - y);
  expect(all).toEqual(Array.from({ length: 400 }, (_, i) => i + 1));
  expect(results.every((r) => r.claimed.length > 0)).toBe(true); // they overlapped, not ran one after the other
});
