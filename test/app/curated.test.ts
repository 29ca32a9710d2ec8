// Curated answers through the real pipeline: a temp corpus with corpus/answers/, a full ingest, the App, then a
// refresh that changes the cited passage. The curated file is never indexed as a document.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CuratedAnswers } from '../../src/answer/curated.ts';
import { App } from '../../src/app/app.ts';
import { curatedAnswerFor, openCurated } from '../../src/app/curated.ts';
import { ingest } from '../../src/app/ingest.ts';
import type { Config } from '../../src/config.ts';
import { corpusConfig, tempRoot, writeFiles } from '../helpers/refresh.ts';
import { useShippedApp } from '../helpers/shipped-app.ts';

const NOTICE = `# 关于农村住房管理的通知

一、宅基地管理。农村村民一户只能拥有一处宅基地，面积不得超过本县规定的标准。

二、房屋继承。宅基地上的房屋可以依法继承，继承人应当到村委会备案。

三、危房改造。县住建局对农村低收入群体的危房改造给予补助，每户最高三万元。
`;

const CURATED = `---
question: 宅基地上的房子可以继承吗？
variants: [农村老房子能传给子女吗]
cites:
  - doc: notice.md
    text: 宅基地上的房屋可以依法继承，继承人应当到村委会备案。
---
可以。宅基地上的房屋可以依法继承，继承人应当到村委会备案；办理时请带上户口簿和继承证明材料。
`;

let root: string;
let cleanup: () => void;
let config: Config;
let app: App;

beforeAll(async () => {
  ({ root, cleanup } = tempRoot('wz-curated-'));
  config = corpusConfig(root);
  writeFiles(join(root, 'corpus'), { 'notice.md': NOTICE, 'answers/宅基地继承.md': CURATED });
  await ingest(config, { corpusDir: config.corpusDir, indexDir: config.indexDir, mode: 'full' });
  app = App.open(config);
});
afterAll(() => cleanup());

describe('curated answers in the pipeline', () => {
  it('are not indexed as documents', () => {
    expect(app.status().docs).toBe(1);
    expect(app.engine.manifest.docs.map((d) => d.path)).toEqual(['notice.md']);
  });

  it('serve the official wording with a citation into the live snapshot for a close question', async () => {
    const curated = openCurated(config);
    const answer = curatedAnswerFor(curated, app.engine, '宅基地上的房子能继承吗');
    expect(answer).toMatchObject({ found: true, source: 'curated' });
    expect(answer!.answer).toMatch(/^可以。宅基地上的房屋可以依法继承.*\[1\]$/);
    expect(answer!.citations[0]).toMatchObject({ n: 1, doc: 'notice.md', title: '关于农村住房管理的通知' });
    expect(answer!.citations[0].passage).toContain('宅基地上的房屋可以依法继承');
    expect(curatedAnswerFor(curated, app.engine, '危房改造每户补助多少')).toBeUndefined();
  });

  it('are withdrawn, listed as stale and never served once a refresh changes the cited passage', async () => {
    const curated = openCurated(config);
    writeFiles(join(root, 'corpus'), { 'notice.md': NOTICE.replace('继承人应当到村委会备案', '继承人应当到乡镇政府登记') });
    await ingest(config, { corpusDir: config.corpusDir, indexDir: config.indexDir, mode: 'incremental' });
    expect(app.reload()).toBe(true);
    expect(curatedAnswerFor(curated, app.engine, '宅基地上的房子能继承吗')).toBeUndefined();
    const { stale, live } = curated.status(app.engine);
    expect(live).toEqual([]);
    expect(stale).toEqual([{ file: '宅基地继承.md', question: '宅基地上的房子可以继承吗？', reasons: [expect.stringMatching(/passage changed or removed/)] }]);
  });

  it('come back when the operator fixes the file, without waiting for a new snapshot', () => {
    const curated = CuratedAnswers.load(config.loop.curatedDir, { minSimilarity: 0.6, recheckMs: 0 });
    expect(curatedAnswerFor(curated, app.engine, '宅基地上的房子能继承吗')).toBeUndefined();
    writeFiles(join(root, 'corpus'), { 'answers/宅基地继承.md': CURATED.replaceAll('继承人应当到村委会备案', '继承人应当到乡镇政府登记') });
    expect(curatedAnswerFor(curated, app.engine, '宅基地上的房子能继承吗')?.answer).toContain('乡镇政府登记');
  });
});

describe('the shipped example, corpus/answers/离婚冷静期.md', () => {
  const shipped = useShippedApp();

  it('rests on passages the shipped corpus holds, and answers a paraphrase', async () => {
    const curated = openCurated(shipped.app.config);
    expect(curated.status(shipped.app.engine).stale).toEqual([]);
    const answer = curatedAnswerFor(curated, shipped.app.engine, '离婚冷静期是多久');
    expect(answer?.citations.map((c) => c.doc)).toEqual(['民法典-婚姻家庭编.md', '民法典-婚姻家庭编.md']);
  });
});
