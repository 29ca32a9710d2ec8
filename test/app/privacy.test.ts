// Issue 13, "done when": a question carrying an ID number, a phone or a bank card is answered, and the number
// appears nowhere on disk (data dir, index dir), in the logs or in the requests sent to the LLM. The front end
// is played the way the bot does it: it logs and stores what App.ask returns as the question.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/app/app.ts';
import { log } from '../../src/log.ts';
import { SqliteStore } from '../../src/state/sqlite.ts';
import { useFakeLlm } from '../helpers/fake-llm.ts';

const llm = useFakeLlm();

const QUESTIONS = [
  '我的身份证号是11010519491231002X，遗嘱有哪些形式',
  '遗嘱有哪些形式？我手机13812345678',
  '卡号6222 0212 3456 7890 128，三治融合是什么',
  'what is 三治融合? call me on +86 138 1234 5678',
];
// Every way the numbers could show up: as typed, without separators, and their longest distinctive runs.
const SECRETS = ['11010519491231002X', '13812345678', '6222021234567890128', '6222 0212', '138 1234', '19491231'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .filter((p) => statSync(p).size > 0);
}

function leaks(text: string): string[] {
  const compact = text.replace(/[\s-]/g, '');
  return SECRETS.filter((s) => text.includes(s) || compact.includes(s.replace(/[\s-]/g, '')));
}

describe('personal data goes nowhere', () => {
  it('not to the LLM, the logs, the data dir or the index', async () => {
    const config = llm.config;
    const app = App.open(config);
    const store = await SqliteStore.open(config.dataDir);
    try {
      for (const q of QUESTIONS) {
        const a = await app.ask(q);
        expect(a.found, q).toBe(true);
        expect(a.redacted.length, q).toBeGreaterThan(0);
        // What the bot does with an answer: a log line, the question log, and a vote.
        log.debug('answered', { question: a.question, found: a.found });
        const questionId = await store.questions.record({ text: a.question, outcome: 'answered', docs: [], latencyMs: 1, chatKind: 'private', userHash: 'h' });
        await store.feedback.vote(
          { answerId: questionId, voter: 'v', ttlMs: 60_000 },
          { question: a.question, found: a.found, source: a.source, citations: a.citations, vote: 'up', questionId },
        );
      }
    } finally {
      await store.close();
    }
    const bodies = llm.fake.requests.map((r) => JSON.stringify(r.body));
    expect(bodies.length).toBeGreaterThanOrEqual(QUESTIONS.length); // the LLM path was taken
    expect(bodies.flatMap(leaks)).toEqual([]);
    expect(llm.log.lines.join('').includes('answered')).toBe(true);
    expect(leaks(llm.log.lines.join(''))).toEqual([]);
    const files = [...filesUnder(config.dataDir), ...filesUnder(config.indexDir)];
    expect(files.some((f) => f.endsWith('.sqlite'))).toBe(true);
    for (const f of files) expect(leaks(readFileSync(f, 'latin1')), f).toEqual([]);
  });
});
