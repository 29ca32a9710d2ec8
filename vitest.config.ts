import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Native addons (hnswlib, jieba) and child processes: forks are the safest pool.
    pool: 'forks',
    isolate: false,
  },
});
