#!/usr/bin/env node
// The `wenzheng` command: runs the TypeScript CLI through tsx (no build step, no stale output).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
