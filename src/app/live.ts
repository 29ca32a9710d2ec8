// Live pickup: a running bot notices that a refresh made a new snapshot live (a watch on the index directory
// for CURRENT, a polling fallback for filesystems without events, and SIGHUP) and swaps it in with
// app.reload(). Questions already being answered keep the engine they started with, so none fails; a new
// snapshot that cannot be loaded is reported once and the current one keeps serving.
import { type FSWatcher, watch } from 'node:fs';
import { describeError } from '../errors.ts';
import { currentSnapshotName } from '../index/snapshot.ts';
import { log } from '../log.ts';
import type { App, IndexStatus } from './app.ts';

export interface LiveReloadOptions {
  /** Poll CURRENT this often (ms), in case the watch misses an event (network filesystems). 0: no polling. */
  pollMs?: number;
  /** Reload on this signal (default SIGHUP; false: none). */
  signal?: NodeJS.Signals | false;
  /** Watch the index directory for CURRENT being replaced (default true). */
  watch?: boolean;
  onReload?: (status: IndexStatus) => void;
  onError?: (err: unknown, snapshot: string | undefined) => void;
}

export interface LiveReload {
  /** Look at CURRENT now and swap in a new snapshot; true when one was swapped in. */
  check(): boolean;
  stop(): void;
}

export function startLiveReload(app: Pick<App, 'reload' | 'status'>, indexDir: string, opts: LiveReloadOptions = {}): LiveReload {
  const { pollMs = 2000, signal = 'SIGHUP' } = opts;
  let failed: string | undefined; // a snapshot that would not load: not retried until CURRENT moves again
  let timer: NodeJS.Timeout | undefined;

  const check = (): boolean => {
    const name = currentSnapshotName(indexDir);
    if (!name || name === failed) return false;
    try {
      if (!app.reload()) return false;
      failed = undefined;
      const status = app.status();
      log.info('a new snapshot is live', { snapshot: status.snapshot, docs: status.docs, chunks: status.chunks });
      opts.onReload?.(status);
      return true;
    } catch (err) {
      failed = name;
      log.error(`could not load the new snapshot ${name}; still serving ${app.status().snapshot}: ${describeError(err)}`);
      opts.onError?.(err, name);
      return false;
    }
  };

  // A burst of events (the pointer's temp file written, then renamed) becomes one check, shortly after.
  let pending: NodeJS.Timeout | undefined;
  const soon = () => {
    clearTimeout(pending);
    pending = setTimeout(check, 50);
    pending.unref();
  };

  let watcher: FSWatcher | undefined;
  if (opts.watch !== false) {
    try {
      watcher = watch(indexDir, { persistent: false }, (_event, file) => {
        if (!file || String(file) === 'CURRENT') soon();
      });
      watcher.on('error', () => watcher?.close()); // polling still covers it
    } catch (err) {
      log.warn(`cannot watch ${indexDir} (${(err as Error).message}); polling for new snapshots instead`);
    }
  }
  if (pollMs > 0) {
    timer = setInterval(check, pollMs);
    timer.unref();
  }
  const onSignal = () => {
    log.info(`${signal}: checking for a new snapshot`);
    check();
  };
  if (signal) process.on(signal, onSignal);

  return {
    check,
    stop() {
      watcher?.close();
      clearInterval(timer);
      clearTimeout(pending);
      if (signal) process.off(signal, onSignal);
    },
  };
}
