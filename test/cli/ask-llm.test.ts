// The acceptance check, end to end through the CLI: `ask --json` with LLM_BASE_URL at the local fake
// server returns the server's answer with verified citations; with the server stopped, the extractive answer.
// A check of our protocol and fallback, not of a model's quality.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { App } from '../../src/app/app.ts';
import { answerJson } from '../../src/cli/format.ts';
import { FakeOpenAiServer } from '../../src/dev/openai-server.ts';
import { ROOT, type ShippedIndex, shippedIndex } from '../helpers/shipped-index.ts';

const run = promisify(execFile);
const Q = 'what is 三治融合';

async function askJson(env: Record<string, string>, index: ShippedIndex) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(LLM|EMBEDDINGS)_/.test(k)));
  const { stdout, stderr } = await run(process.execPath, [join(ROOT, 'bin/wenzheng.mjs'), 'ask', '--json', '--index', index.config.indexDir, Q], {
    cwd: ROOT,
    // Explicit embeddings settings: a developer's .env must not change what the index was built with.
    env: { ...clean, LOG_LEVEL: 'warn', EMBEDDINGS_PROVIDER: 'hash', EMBEDDINGS_DIM: '1024', ...env },
  });
  return { json: JSON.parse(stdout), stderr };
}

describe('npm run ask -- --json with an LLM (fake server; protocol, not model quality)', () => {
  let fake: FakeOpenAiServer;
  let index: ShippedIndex;
  beforeAll(async () => {
    fake = await FakeOpenAiServer.start();
    index = await shippedIndex();
  });
  afterAll(async () => {
    await fake.close();
    index.cleanup();
  });

  it("answers with the server's reply and verified citations, then falls back when the server is gone", async () => {
    const env = { LLM_BASE_URL: fake.url, LLM_MODEL: 'fake-chat' };
    const { json } = await askJson(env, index);
    // The English question was rewritten (Chinese terms), then answered: the fake echoes passage 1, cited [1].
    expect(fake.chats).toHaveLength(2);
    expect(json.found).toBe(true);
    expect(json.answer).toMatch(/ \[1\]$/);
    expect(json.citations).toHaveLength(1);
    expect(json.citations[0].text.startsWith(json.answer.replace(/ \[1\]$/, ''))).toBe(true);
    expect(json.citations[0].text).toContain('三治融合');

    await fake.close();
    const down = await askJson(env, index);
    const offline = answerJson(await App.open(index.config).ask(Q));
    expect(down.json.found).toBe(true);
    expect(down.json.answer).toBe(offline.answer);
    expect(down.json.citations).toEqual(offline.citations);
    expect(down.stderr).toContain('[warn] LLM answer failed; replying with the extractive answer');
  });
});
