// Operator commands: /reload and /status work for ADMIN_IDS only; others get a polite refusal.
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ingest } from '../../src/app/ingest.ts';
import type { Config } from '../../src/config.ts';
import { currentPointer } from '../../src/index/snapshot.ts';
import { buildTestIndex, type Harness, privateChat, startHarness, texts, user } from './harness.ts';

const admin = user(42, 'en');
const citizen = user(43);
let h: Harness;
let config: Config;
let cleanup: () => void;

beforeAll(async () => {
  const built = await buildTestIndex({ ADMIN_IDS: `${admin.id}, 999` });
  ({ config, cleanup } = built);
  h = await startHarness(config);
});

afterAll(async () => {
  await h?.close();
  cleanup?.();
});

it('refuses /status and /reload to a user who is not an admin, and changes nothing', async () => {
  const before = h.app.status().snapshot;
  await ingest(config, { corpusDir: config.corpusDir, indexDir: config.indexDir, mode: 'full' });
  expect(texts(await h.say(citizen, privateChat(citizen), '/status'))).toEqual(['抱歉，这个命令仅限管理员使用。']);
  expect(texts(await h.say(citizen, privateChat(citizen), '/reload'))).toEqual(['抱歉，这个命令仅限管理员使用。']);
  expect(h.app.status().snapshot).toBe(before);
});

it('shows an admin the documents, chunks, snapshot age, provider and answerer', async () => {
  const [status] = texts(await h.say(admin, privateChat(admin), '/status'));
  const st = h.app.status();
  expect(status).toContain(`Documents: 4, chunks: ${st.chunks}`);
  expect(status).toMatch(new RegExp(`Snapshot: ${st.snapshot} \\(built \\d+ min ago\\)`));
  expect(status).toContain('Embeddings: hash/');
  expect(status).toContain('Answerer: extractive');
});

it('loads a new snapshot on /reload, and says so when there is none', async () => {
  const before = h.app.status().snapshot;
  const [reloaded] = texts(await h.say(admin, privateChat(admin), '/reload'));
  const after = h.app.status().snapshot;
  expect(after).not.toBe(before);
  expect(reloaded).toBe(`Loaded the new index snapshot ${after} (4 documents, ${h.app.status().chunks} chunks).`);
  expect(texts(await h.say(admin, privateChat(admin), '/reload'))).toEqual([`No new snapshot; still using ${after}.`]);
  // And the bot answers from the reloaded index.
  expect(texts(await h.say(citizen, privateChat(citizen), '什么是三治融合？')).at(-1)).toContain('[1]');
});

it('keeps serving the live snapshot when the new one cannot be loaded', async () => {
  const live = h.app.status().snapshot;
  writeFileSync(currentPointer(config.indexDir), 'missing-snapshot\n');
  const [reply] = texts(await h.say(admin, privateChat(admin), '/reload'));
  expect(reply).toMatch(new RegExp(`^Reload failed; still using ${live}:\\n.*no readable manifest`));
  expect(h.app.status().snapshot).toBe(live);
  expect(texts(await h.say(citizen, privateChat(citizen), '什么是三治融合？')).at(-1)).toContain('[1]');
  writeFileSync(currentPointer(config.indexDir), `${live}\n`);
});

it('rate-limits operator commands too: /status in a loop gets one "slow down", then silence', async () => {
  const looping = user(999, 'en');
  const chat = privateChat(looping);
  for (let i = 0; i < config.telegram.rateLimitPerMinute; i++) expect(texts(await h.say(looping, chat, '/status'))[0]).toContain('Documents: 4');
  expect(texts(await h.say(looping, chat, '/status'))).toEqual([expect.stringMatching(/\d+ s/)]);
  expect(texts(await h.say(looping, chat, '/reload'))).toEqual([]);
});
