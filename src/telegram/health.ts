// The operator's view over HTTP: /healthz (the process answers), /readyz (index loaded, state store reachable,
// not draining: a balancer sends nothing to a replica that says no), /metrics (Prometheus text). Served on the
// webhook port and, when METRICS_PORT is set, on a port of their own (polling mode has no other).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeError } from '../errors.ts';
import type { BotMetrics } from './metrics.ts';

export interface Readiness {
  ready: boolean;
  /** One line per check: "ok", or what is wrong. */
  checks: Record<string, string>;
}

export interface OpsProbe {
  readiness(): Promise<Readiness>;
  metrics: BotMetrics;
}

/** Runs the named checks; a check that throws is not ready, with its error as the reason. */
export async function runChecks(checks: Record<string, () => Promise<unknown> | unknown>): Promise<Readiness> {
  const out: Record<string, string> = {};
  let ready = true;
  for (const [name, check] of Object.entries(checks)) {
    try {
      const detail = await check();
      out[name] = typeof detail === 'string' ? `ok: ${detail}` : 'ok';
    } catch (err) {
      ready = false;
      out[name] = describeError(err).split('\n')[0];
    }
  }
  return { ready, checks: out };
}

/** Answers GET /healthz, /readyz, /metrics; returns false for any other request (the caller handles it). */
export function serveOps(req: IncomingMessage, res: ServerResponse, probe: OpsProbe): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  if (path === '/healthz') {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
    return true;
  }
  if (path === '/readyz') {
    void probe.readiness().then((r) => {
      const body = Object.entries(r.checks).map(([k, v]) => `${k}: ${v}`);
      res.writeHead(r.ready ? 200 : 503, { 'content-type': 'text/plain' }).end(`${r.ready ? 'ready' : 'not ready'}\n${body.join('\n')}\n`);
    });
    return true;
  }
  if (path === '/metrics') {
    void probe.metrics.text().then(
      (text) => res.writeHead(200, { 'content-type': probe.metrics.contentType }).end(text),
      (err) => res.writeHead(500).end(String(err)),
    );
    return true;
  }
  return false;
}

/** A server with only the operator endpoints (METRICS_PORT). */
export async function startOpsServer(probe: OpsProbe, port: number, host?: string): Promise<{ server: Server; address: AddressInfo }> {
  const server = createServer((req, res) => {
    if (!serveOps(req, res, probe)) res.writeHead(404).end();
  });
  await new Promise<void>((ok, fail) => server.once('error', fail).listen(port, host, ok));
  return { server, address: server.address() as AddressInfo };
}
