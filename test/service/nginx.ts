// Test helper: a throwaway nginx (the Debian package) in front of the replicas, running deploy/nginx.conf itself,
// with the listen and upstream includes written for loopback ports. Skips loudly where nginx is not installed,
// and fails under CI=true (CI installs it: .ci/install-services.sh), like test/helpers/redis-server.ts.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/shipped-index.ts';

export const NGINX_SITE = join(ROOT, 'deploy', 'nginx.conf');
const NGINX = ['/usr/sbin/nginx', 'nginx'].find((bin) => spawnSync(bin, ['-v'], { stdio: 'ignore' }).status === 0);

export function nginxAvailable(): boolean {
  if (NGINX) return true;
  const msg = 'nginx is not installed (apt-get install -y nginx)';
  if (process.env.CI === 'true') throw new Error(`${msg}: the replica tests cannot run, and CI must run them (.ci/install-services.sh)`);
  console.warn(`\n!!! ${msg}: the replica tests behind nginx are SKIPPED !!!\n`);
  return false;
}

export interface Nginx {
  port: number;
  log(): string;
  stop(): Promise<void>;
}

/** The main config a test nginx runs: everything in `dir`, the site included from deploy/nginx.conf. */
export function mainConfig(dir: string): string {
  const temp = (name: string) => `${name}_temp_path ${join(dir, name)};`;
  return `daemon off;
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 1024; }
http {
  access_log ${join(dir, 'access.log')};
  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n  ')}
  include ${NGINX_SITE};
}
`;
}

/** Writes a config directory for nginx on `port` in front of `upstreams` (loopback ports). */
export function writeConfig(dir: string, port: number, upstreams: number[]): string {
  for (const d of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, d), { recursive: true });
  writeFileSync(join(dir, 'wenzheng-listen.conf'), `listen 127.0.0.1:${port};\n`);
  writeFileSync(join(dir, 'wenzheng-upstreams.conf'), upstreams.map((p) => `server 127.0.0.1:${p} max_fails=1 fail_timeout=2s;\n`).join(''));
  const file = join(dir, 'nginx.conf');
  writeFileSync(file, mainConfig(dir));
  return file;
}

export async function startNginx(port: number, upstreams: number[]): Promise<Nginx> {
  const dir = mkdtempSync(join(tmpdir(), 'wz-nginx-'));
  const file = writeConfig(dir, port, upstreams);
  const proc: ChildProcess = spawn(NGINX!, ['-e', join(dir, 'error.log'), '-p', dir, '-c', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const log = () => {
    try {
      return stderr + readFileSync(join(dir, 'error.log'), 'utf8');
    } catch {
      return stderr;
    }
  };
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`nginx exited with ${proc.exitCode}:\n${log()}`);
    const ok = await fetch(`http://127.0.0.1:${port}/nginx-healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`nginx did not come up within 10 s:\n${log()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    log,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) {
        const exited = new Promise((ok) => proc.once('exit', ok));
        proc.kill('SIGQUIT'); // graceful: workers finish their requests
        await Promise.race([exited, new Promise((ok) => setTimeout(ok, 3000))]);
        if (proc.exitCode === null) proc.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
