// `wenzheng report` through the real command line: a state store with made-up traffic, the shipped index, and
// the two files it writes; retention applied; the withdrawn curated answer of a temp answers folder listed.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/state/sqlite.ts';
import { DAY, NOW, seedTraffic } from '../app/report/fixtures.ts';
import { writeFiles } from '../helpers/refresh.ts';
import { SHIPPED_CORPUS, type ShippedIndex, shippedIndex } from '../helpers/shipped-index.ts';

const BIN = resolve(import.meta.dirname, '../../bin/wenzheng.mjs');
let index: ShippedIndex;

beforeAll(async () => {
  index = await shippedIndex({ EMBEDDINGS_DIM: '128' });
  // The rows are dated around NOW (a fixed day): a long window reaches them, and a retention set to reach 100
  // days before NOW drops only the one row older than that.
  const store = SqliteStore.open(index.config.dataDir);
  await seedTraffic(store);
  await store.close();
  // A corpus copy whose curated answer cites a sentence no document has.
  cpSync(SHIPPED_CORPUS, join(index.dir, 'corpus'), { recursive: true });
  writeFiles(join(index.dir, 'corpus'), {
    'answers/过时.md': '---\nquestion: 结婚年龄是多少\ncites:\n  - doc: 民法典-婚姻家庭编.md\n    text: 结婚年龄，男不得早于二十五周岁。\n---\n旧的答案。\n',
  });
});
afterAll(() => index.cleanup());

describe('wenzheng report', () => {
  it('writes results/report.html and report.md and prints the top gap topics', () => {
    const out = join(index.dir, 'out');
    const retention = Math.ceil((Date.now() - NOW) / DAY) + 100;
    const env = {
      ...process.env,
      QUESTION_RETENTION_DAYS: String(retention),
      CORPUS_DIR: join(index.dir, 'corpus'),
      INDEX_DIR: index.config.indexDir,
      DATA_DIR: index.config.dataDir,
      EMBEDDINGS_DIM: '128',
      LOG_LEVEL: 'warn',
    };
    const r = spawnSync(process.execPath, [BIN, 'report', '--days', '3650', '--out', out], { env, cwd: index.dir, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^15 questions from 5 users in 3650 days; 7 refused, 1 👎; \d+ gap topics/);
    expect(r.stdout).toContain('1. 新型农村合作医疗');
    expect(r.stdout).toContain('1 curated answer(s) withdrawn: 过时.md');
    expect(r.stdout).toContain(`retention: 1 rows older than ${retention} days deleted`);
    expect(existsSync(join(out, 'report.html'))).toBe(true);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('`过时.md`');
  });
});
