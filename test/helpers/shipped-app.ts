// Test helper: an App over an index of the shipped corpus, built once for the test file that calls it.
import { afterAll, beforeAll } from 'vitest';
import { App } from '../../src/app/app.ts';
import type { Env } from '../../src/config.ts';
import { shippedIndex } from './shipped-index.ts';

/** Registers the hooks; `ctx.app` is ready when the first test runs. */
export function useShippedApp(env: Env = {}): { app: App } {
  const ctx = {} as { app: App };
  let cleanup = () => {};
  beforeAll(async () => {
    const index = await shippedIndex(env);
    cleanup = index.cleanup;
    ctx.app = App.open(index.config);
  });
  afterAll(() => cleanup());
  return ctx;
}
