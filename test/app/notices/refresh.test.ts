// The loop end to end below Telegram: a refused question and an answered one are followed; a refresh changes
// the answered one's passage and adds a document answering the refused one; each follower gets one notice,
// and the next ask is answered with a citation.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { App } from '../../../src/app/app.ts';
import { ingest } from '../../../src/app/ingest.ts';
import { answerSubscription, refusedSubscription } from '../../../src/app/notices/notices.ts';
import { refreshNotices } from '../../../src/app/notices/refresh.ts';
import { buildReport } from '../../../src/app/report/build.ts';
import { questionEntry } from '../../../src/app/report/entry.ts';
import type { Config } from '../../../src/config.ts';
import { SqliteStore } from '../../../src/state/sqlite.ts';
import type { Subscription } from '../../../src/state/types.ts';
import { corpusConfig, tempRoot, writeFiles } from '../../helpers/refresh.ts';

const DIBAO = `# 县农村低保实施办法

一、保障标准。农村最低生活保障标准为每人每月五百元，按月发放。

二、申请程序。申请最低生活保障应当向户籍所在地乡镇人民政府提出书面申请。
`;
const YIBAO = `# 县城乡居民医疗保险缴费通知

一、缴费标准。城乡居民基本医疗保险个人缴费标准为每人每年四百元，新型农村合作医疗参保人按此标准缴纳。

二、缴费时间。每年九月至十二月为集中缴费期。
`;
const REFUSED_Q = '城乡居民医疗保险个人缴费标准是多少';

let root: string;
let cleanup: () => void;
let config: Config;
let app: App;

beforeAll(async () => {
  ({ root, cleanup } = tempRoot('wz-notices-'));
  config = corpusConfig(root);
  writeFiles(join(root, 'corpus'), { 'dibao.md': DIBAO });
  await ingest(config, { corpusDir: config.corpusDir, indexDir: config.indexDir, mode: 'full' });
  app = App.open(config);
});
afterAll(() => cleanup());

describe('change notices after a refresh', () => {
  it('reach the follower of a changed answer and of a refused question now answered, once each', async () => {
    const refused = await app.ask(REFUSED_Q);
    expect(refused.found).toBe(false);
    const answered = await app.ask('农村最低生活保障标准是多少');
    expect(answered.found).toBe(true);
    // The refused question is in the gap report the operator reads.
    const store = SqliteStore.open(join(root, 'data'));
    await store.questions.record(questionEntry({ text: REFUSED_Q, userId: 42, chatKind: 'private', latencyMs: 100, answer: refused }, 'k'));
    const report = await buildReport({ store, app }, { days: 7, retentionDays: 90 });
    await store.close();
    expect(report.clusters[0].examples).toEqual([REFUSED_Q]);
    const subs: Subscription[] = [
      { owner: 'chat:1', ...refusedSubscription(REFUSED_Q, refused.register), createdAt: 0 },
      { owner: 'chat:2', ...answerSubscription(answered), createdAt: 0 },
    ];

    writeFiles(join(root, 'corpus'), { 'dibao.md': DIBAO.replace('五百元', '六百元'), 'yibao.md': YIBAO });
    await ingest(config, { corpusDir: config.corpusDir, indexDir: config.indexDir, mode: 'incremental' });
    const before = app.engine;
    expect(app.reload()).toBe(true);
    const { diff, notices } = await refreshNotices(before, app, subs);

    expect(diff.docs.map((d) => `${d.doc}:${d.status}`).sort()).toEqual(['dibao.md:changed', 'yibao.md:added']);
    expect(notices.map((n) => n.owner).sort()).toEqual(['chat:1', 'chat:2']);
    const toRefused = notices.find((n) => n.owner === 'chat:1')!;
    expect(toRefused.text).toContain('现在有答案了');
    expect(toRefused.text).toContain('四百元');
    expect(toRefused.text).toContain('《县城乡居民医疗保险缴费通知》');
    expect(notices.find((n) => n.owner === 'chat:2')!.text).toContain('六百元');

    const next = await app.ask(REFUSED_Q);
    expect(next.found).toBe(true);
    expect(next.citations[0].doc).toBe('yibao.md');
  });
});
