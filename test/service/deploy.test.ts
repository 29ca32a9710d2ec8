// The deployment files hang together: nginx accepts deploy/nginx.conf with the includes compose mounts, its
// upstreams are the compose bot services on their webhook port, the image runs unprivileged, and the systemd
// unit gives the drain time to finish. (Docker itself is not run here; docs/deploy.md says what was checked.)
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { ROOT } from '../helpers/shipped-index.ts';
import { mainConfig, NGINX_BIN, NGINX_SITE, nginxAvailable } from './nginx.ts';

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const compose = read('compose.yaml');
const upstreams = read('deploy/nginx/wenzheng-upstreams.conf');

it.skipIf(!nginxAvailable())('nginx accepts deploy/nginx.conf with the listen and upstream files compose mounts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wz-nginx-t-'));
  try {
    copyFileSync(join(ROOT, 'deploy/nginx/wenzheng-listen.conf'), join(dir, 'wenzheng-listen.conf'));
    // `nginx -t` resolves upstream names; outside compose bot-1 and bot-2 do not exist, so point them at loopback.
    writeFileSync(join(dir, 'wenzheng-upstreams.conf'), upstreams.replace(/bot-\d+/g, '127.0.0.1'));
    writeFileSync(join(dir, 'nginx.conf'), mainConfig(dir));
    const r = spawnSync(NGINX_BIN!, ['-t', '-e', join(dir, 'error.log'), '-p', dir, '-c', join(dir, 'nginx.conf')], { encoding: 'utf8' });
    expect(r.stderr).toMatch(/syntax is ok/);
    expect(r.status).toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

it('compose mounts the tested nginx files, and the upstreams are its bot services on the webhook port', () => {
  expect(compose).toContain('./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro');
  expect(compose).toContain('./deploy/nginx/wenzheng-upstreams.conf:/etc/nginx/wenzheng-upstreams.conf:ro');
  expect(NGINX_SITE).toBe(join(ROOT, 'deploy', 'nginx.conf'));
  const servers = [...upstreams.matchAll(/^server (bot-\d+):(\d+)/gm)];
  expect(servers.length).toBeGreaterThanOrEqual(2);
  const port = /WEBHOOK_PORT: "(\d+)"/.exec(compose)?.[1];
  for (const [, host, p] of servers) {
    expect(compose).toMatch(new RegExp(`^  ${host}:\\n    <<: \\*bot$`, 'm'));
    expect(p).toBe(port);
  }
  // Replicas share Redis and the index volume the refresh job writes.
  expect(compose).toContain('REDIS_URL: redis://redis:6379/0');
  expect(compose.match(/- index:\/index/g)?.length).toBeGreaterThanOrEqual(2);
});

it('the image is multi-stage, builds native addons in the builder and runs as a non-root user', () => {
  const docker = read('Dockerfile');
  const stages = docker.split(/^FROM /m).slice(1);
  expect(stages).toHaveLength(2);
  expect(stages[0]).toMatch(/RUN npm ci --omit=dev/);
  expect(stages[1]).not.toMatch(/npm (ci|install)/);
  expect(stages[1]).toMatch(/^USER node$/m);
});

it('stop timeouts leave the drain its time (systemd and compose)', () => {
  const drain = loadConfig({}).service.drainMs / 1000;
  const unit = read('deploy/wenzheng.service');
  expect(unit).toMatch(/^ExecStart=.*bin\/wenzheng\.mjs start$/m);
  expect(unit).toMatch(/^KillSignal=SIGTERM$/m);
  expect(Number(/^TimeoutStopSec=(\d+)/m.exec(unit)?.[1])).toBeGreaterThan(drain);
  expect(Number(/stop_grace_period: (\d+)s/.exec(compose)?.[1])).toBeGreaterThan(Number(/DRAIN_SECONDS: "(\d+)"/.exec(compose)?.[1]));
});
