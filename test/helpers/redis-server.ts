// A throwaway redis-server for tests: a free port, a temp dir, no persistence, stopped (by its own pid) afterwards.
// Where redis-server is not installed the Redis tests skip with a loud warning; under CI=true they fail instead,
// because CI installs it (.ci/install-services.sh) and a silent skip there would hide a broken store.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports.ts';

export interface RedisServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** True when redis-server can be run. Warns loudly when not, and throws under CI. */
export function redisServerAvailable(): boolean {
  const ok = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
  if (ok) return true;
  const msg = 'redis-server is not installed (apt-get install -y redis-server)';
  if (process.env.CI === 'true') throw new Error(`${msg}: the Redis tests cannot run, and CI must run them (.ci/install-services.sh)`);
  console.warn(`\n!!! ${msg}: the Redis state store tests are SKIPPED !!!\n`);
  return false;
}

export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'wz-redis-'));
  const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`redis-server did not start within 10 s:\n${output}`)), 10_000);
    proc.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        ready();
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`redis-server exited with ${code}:\n${output}`));
    });
  });
  proc.stdout?.resume();
  proc.stderr?.resume();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: () => stop(proc, dir),
  };
}

async function stop(proc: ChildProcess, dir: string): Promise<void> {
  if (proc.exitCode === null && proc.signalCode === null) {
    const exited = new Promise((ok) => proc.once('exit', ok));
    proc.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
}
