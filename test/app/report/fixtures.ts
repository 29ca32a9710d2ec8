// Test fixture for the report: two weeks of made-up traffic written through questionEntry (the path the bot
// uses), with personal data typed into questions the way citizens do, raw Telegram ids and a name.
import { questionEntry } from '../../../src/app/report/entry.ts';
import type { StateStore } from '../../../src/state/types.ts';
import type { Citation } from '../../../src/types.ts';

export const HASH_KEY = 'test-hash-key';
export const DAY = 86_400_000;
export const NOW = Date.parse('2026-03-15T10:00:00Z');

/** Personal data that must never reach the stored rows or the page. */
export const SECRETS = {
  userIds: [777000111, 777000222, 777000333, 777000444, 777000555],
  phone: '13912345678',
  idNumber: '11010519491231002X',
  name: '王建军',
};

const cite = (doc: string, title: string): Citation => ({ n: 1, doc, title, paragraph: 3, text: '…', passage: '…' });
const zh = { lang: 'zh', script: 'simplified' } as const;
const CIVIL = cite('民法典-婚姻家庭编.md', '中华人民共和国民法典 婚姻家庭编');
const REPORT = cite('2025年政府工作报告.md', '2025年政府工作报告');

type Row = [day: number, user: number, text: string, found: boolean, latency: number, doc?: Citation];

// Refused topics: rural medical insurance (asked three ways by three users), dog licences (two users, one of
// them twice), a question with a phone number in it; answered questions on marriage and the work report.
const ROWS: Row[] = [
  [13, 0, '新农合一年交多少钱', false, 420],
  [12, 1, `农村医保每年交多少钱？我电话${SECRETS.phone}`, false, 380],
  [9, 2, '新农合缴费标准是多少', false, 510],
  [8, 3, '养狗要办证吗', false, 300],
  [7, 3, '养狗要办证吗', false, 290],
  [5, 4, '村里养狗需要登记吗', false, 350],
  [4, 0, `我叫${SECRETS.name}，身份证${SECRETS.idNumber}丢了怎么补办`, false, 610],
  [11, 1, '结婚登记要带什么', true, 900, CIVIL],
  [10, 2, '离婚冷静期是多少天', true, 1200, CIVIL],
  [6, 3, '今年经济增长目标是多少', true, 700, REPORT],
  [3, 4, '夫妻共同财产包括哪些', true, 2600, CIVIL],
  [2, 0, '今年赤字率是多少', true, 650, REPORT],
  [1, 1, '彩礼可以要回来吗', true, 800, CIVIL],
  [0, 2, '法定婚龄是多少岁', true, 450, CIVIL],
];

/** Writes the rows and a 👎 on one answer; returns the question id of that answer. */
export async function seedTraffic(store: StateStore): Promise<void> {
  let downvoted: string | undefined;
  for (const [day, user, text, found, latency, doc] of ROWS) {
    const answer = { found, citations: doc ? [doc] : [], register: zh };
    const id = await store.questions.record(
      questionEntry({ text, userId: SECRETS.userIds[user], chatKind: 'private', latencyMs: latency, answer, at: NOW - day * DAY }, HASH_KEY),
    );
    if (text.startsWith('彩礼')) downvoted = id;
  }
  await store.questions.record(
    questionEntry({ text: '你好', userId: SECRETS.userIds[0], chatKind: 'group', latencyMs: 5, outcome: 'rate-limited', at: NOW - 2 * DAY }, HASH_KEY),
  );
  await store.feedback.vote(
    { answerId: 'a1', voter: 'v1', ttlMs: DAY },
    { question: '彩礼可以要回来吗', found: true, source: 'extractive', citations: [CIVIL], vote: 'down', questionId: downvoted },
  );
  // A row older than the retention period: the report deletes it.
  await store.questions.record(
    questionEntry({ text: '很久以前的问题', userId: SECRETS.userIds[0], chatKind: 'private', latencyMs: 1, outcome: 'error', at: NOW - 200 * DAY }, HASH_KEY),
  );
}
