// Test helper: one real bot process, started through the CLI (`node bin/wenzheng.mjs start`) with an explicit
// environment, ready once its /readyz says so; stopped with SIGTERM (drain) or SIGKILL (a crash).
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../helpers/shipped-index.ts';

export interface Replica {
  name: string;
  port: number;
  proc: ChildProcess;
  /** Everything it wrote to stderr (JSON log lines). */
  logs(): string;
  /** Resolves with the exit code (or signal) once it exited. */
  exited: Promise<number | string>;
  metric(name: string): Promise<number>;
  stop(): Promise<number | string>;
  kill9(): Promise<number | string>;
}

export async function startReplica(name: string, port: number, env: Record<string, string>, timeoutMs = 30_000): Promise<Replica> {
  // Only what the bot needs: no developer .env values leak in (dotenv does not override what is set here, and
  // every variable the test depends on is set).
  const proc = spawn(process.execPath, [join(ROOT, 'bin', 'wenzheng.mjs'), 'start'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'test', WEBHOOK_PORT: String(port), WEBHOOK_HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  proc.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | string>((ok) => proc.once('exit', (code, signal) => ok(code ?? signal ?? -1)));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`replica ${name} exited with ${proc.exitCode}:\n${stderr}`);
    const ok = await fetch(`${base}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`replica ${name} not ready within ${timeoutMs} ms:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const signal = async (sig: NodeJS.Signals) => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill(sig);
    return exited;
  };
  return {
    name,
    port,
    proc,
    logs: () => stderr,
    exited,
    async metric(metric: string) {
      const text = await (await fetch(`${base}/metrics`)).text();
      const m = new RegExp(`^${metric} (\\S+)$`, 'm').exec(text);
      return m ? Number(m[1]) : Number.NaN;
    },
    stop: () => signal('SIGTERM'),
    kill9: () => signal('SIGKILL'),
  };
}
