// End to end through the real command line: ingest the shipped corpus, then ask and search as tools do.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHIPPED_CORPUS, tempDir } from '../helpers/shipped-index.ts';

const BIN = resolve(import.meta.dirname, '../../bin/wenzheng.mjs');
const tmp = tempDir('wz-cli-');
const env = { ...process.env, CORPUS_DIR: SHIPPED_CORPUS, INDEX_DIR: join(tmp.dir, 'index'), LOG_LEVEL: 'info', LLM_BASE_URL: '', TELEGRAM_BOT_TOKEN: '' };

function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { env, input, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every stdout line must be JSON: nothing else may reach stdout in --json/--jsonl modes. */
function jsonLines(stdout: string) {
  return stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l));
}

describe('wenzheng CLI', () => {
  beforeAll(() => {
    const r = cli(['ingest']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('ok      000_30f1ad1faf6efd17.txt');
    expect(r.stdout).toMatch(/indexed 4 documents, \d+ chunks/);
  });
  afterAll(() => tmp.cleanup());

  it('ask --json answers "what is 三治融合" citing 自治、法治、德治', () => {
    const r = cli(['ask', '--json', 'what is 三治融合']);
    expect(r.code, r.stderr).toBe(0);
    const [a] = jsonLines(r.stdout);
    expect(a).toMatchObject({ question: 'what is 三治融合', found: true });
    expect(a.citations.some((c: { text: string; doc: string }) => c.text.includes('自治、法治、德治') && c.doc === '000_30f1ad1faf6efd17.txt')).toBe(true);
    expect(Object.keys(a.citations[0])).toEqual(expect.arrayContaining(['n', 'doc', 'title', 'text']));
    expect(a.timings).toEqual({ retrieve_ms: expect.any(Number), answer_ms: expect.any(Number) });
  });

  it('ask --json answers in Simplified for a Simplified question and refuses the weather', () => {
    const [a] = jsonLines(cli(['ask', '--json', '什么是三治融合?']).stdout);
    expect(a.found).toBe(true);
    expect(a.answer).toContain('积极探索自治、法治、德治');
    expect(a.answer).not.toContain('積極');
    const [w] = jsonLines(cli(['ask', '--json', '明天天气怎么样?']).stdout);
    expect(w.found).toBe(false);
    expect(w.citations).toEqual([]);
  });

  it('ask --jsonl answers one question per stdin line, in order', () => {
    const r = cli(['ask', '--jsonl'], '七大行動指的是什麼?\n\n明天天气怎么样?\nwhat is 三治融合\n');
    const out = jsonLines(r.stdout);
    expect(out.map((o) => [o.question, o.found])).toEqual([
      ['七大行動指的是什麼?', true],
      ['明天天气怎么样?', false],
      ['what is 三治融合', true],
    ]);
    expect(out[0].answer).toContain('主流價值培育行動');
  });

  it('search --jsonl writes the hits contract', () => {
    const r = cli(['search', '--jsonl', '-k', '3'], '结婚年龄\n');
    const [s] = jsonLines(r.stdout);
    expect(s.query).toBe('结婚年龄');
    expect(s.hits).toHaveLength(3);
    expect(s.hits[0]).toEqual({
      doc: '民法典-婚姻家庭编.md',
      title: expect.any(String),
      chunk: expect.any(Number),
      text: expect.stringContaining('结婚年龄'),
      score: expect.any(Number),
    });
  });

  it('reports bad usage with a clear message and a non-zero exit code', () => {
    const r = cli(['ask', '--json', '--jsonl', 'x']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain('either --json or --jsonl');
    expect(r.stdout).toBe('');
    const missing = spawnSync(process.execPath, [BIN, 'ask', 'x'], { env: { ...env, INDEX_DIR: join(tmp.dir, 'nothing') }, encoding: 'utf8' });
    expect(missing.status).toBe(66);
    expect(missing.stderr).toContain('npm run ingest');
  });
});
