// `npm run testchat`: what the operator types reaches the real bot as a Telegram user, and what the bot sends
// (text, buttons, edits, pop-ups) is printed; a number presses a button.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestIndex } from '../telegram/harness.ts';

const BIN = fileURLToPath(new URL('../../bin/wenzheng.mjs', import.meta.url));
let built: Awaited<ReturnType<typeof buildTestIndex>>;

beforeAll(async () => {
  built = await buildTestIndex();
});
afterAll(() => built?.cleanup());

function testchat(args: string[], input: string): Promise<{ code: number | null; stdout: string }> {
  const env = { ...process.env, CORPUS_DIR: built.config.corpusDir, INDEX_DIR: built.config.indexDir, DATA_DIR: built.config.dataDir, LOG_LEVEL: 'warn' };
  const child = spawn(process.execPath, [BIN, 'testchat', ...args], { env });
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stdin.end(input);
  return new Promise((ok) => child.on('exit', (code) => ok({ code, stdout })));
}

it('answers a typed question with its buttons, and a typed number presses one', async () => {
  const { code, stdout } = await testchat([], '什么是三治融合？\n1\n3\n/quit\n');
  expect(code).toBe(0);
  expect(stdout).toContain('… typing');
  expect(stdout).toMatch(/bot #\d+\n {2}│ 根据现有文件：\n {2}│ .*三治融合.*\[1\]/);
  expect(stdout).toMatch(/\[1\] 📄 原文 \[1\]\n {2}\[2\] 👍 有帮助 {3}\[3\] 👎 没帮助/);
  expect(stdout).toMatch(/bot #\d+ \(reply to #\d+\)\n {2}│ \[1\] 《2月25日/); // the passage, after pressing 1
  expect(stdout).toContain('(pop-up) 谢谢您的反馈！'); // after pressing 3
});

it('shows the raw HTML with --html, in English with --lang en', async () => {
  const { code, stdout } = await testchat(['--html', '--lang', 'en'], '/start\n');
  expect(code).toBe(0);
  expect(stdout).toContain('<b>Tap a question below to try, or type your own:</b>');
  expect(stdout).toMatch(/\[1\] What is .+\?/);
});
