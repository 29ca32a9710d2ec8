// The operator loop end to end through the fake Bot API (issue 14): a refused question is logged and shows up
// in an admin's /gaps; its asker follows it; a document answering it is added and refreshed, the running bot
// reloads, the follower gets a notice and the next ask is answered with a citation. A curated answer is served
// with its citation, and withdrawn (with a notice to whoever followed it) when its passage changes. The store
// holds no user id, name or phone number in the question log, feedback or anywhere as text.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { App } from '../../src/app/app.ts';
import { ingest } from '../../src/app/ingest.ts';
import type { Config } from '../../src/config.ts';
import type { BotCall, BotMessage } from '../../src/dev/telegram-api.ts';
import { setLogLevel } from '../../src/log.ts';
import { SqliteStore } from '../../src/state/sqlite.ts';
import { BotLoop } from '../../src/telegram/loop.ts';
import { corpusConfig, tempRoot } from '../helpers/refresh.ts';
import { CORPUS, type Harness, privateChat, startHarness, user } from './harness.ts';

const ADMIN = 7_700_900;
const citizen = user(7_700_301, 'zh-hans', '王小明');
const other = user(7_700_302, 'zh-hans', '李秀英');
const admin = user(ADMIN);
const PHONE = '13812345678';
const LAW = '民法典-婚姻家庭编.md';
const DOG_LAW = `# 某县养犬管理规定

第一条 为了规范养犬行为，保障公民健康和人身安全，制定本规定。

第五条 个人饲养犬只的，应当在取得犬只之日起三十日内，持犬只狂犬病免疫证明到县公安机关办理养犬登记，领取养犬登记证。
`;

const EBIKE = `# 电动自行车登记办法

第三条 电动自行车所有人应当自购买之日起十五日内，携带购车发票、产品合格证和本人身份证明，到公安机关交通管理部门办理电动自行车上牌登记，领取号牌。
`;

let root: { root: string; cleanup: () => void };
let config: Config;
let h: Harness;
let store: SqliteStore;

const corpus = () => join(root.root, 'corpus');
const refresh = () => ingest(config, { corpusDir: config.corpusDir, indexDir: config.indexDir, mode: 'incremental' });

beforeAll(async () => {
  setLogLevel('silent');
  root = tempRoot('wz-loopbot-');
  mkdirSync(join(corpus(), 'answers'), { recursive: true });
  copyFileSync(join(CORPUS, LAW), join(corpus(), LAW));
  copyFileSync(join(CORPUS, 'answers', '离婚冷静期.md'), join(corpus(), 'answers', '离婚冷静期.md'));
  config = corpusConfig(root.root, { ADMIN_IDS: String(ADMIN), USER_HASH_KEY: 'test-key' });
  await ingest(config, { corpusDir: config.corpusDir, indexDir: config.indexDir, mode: 'full' });
  store = SqliteStore.open(config.dataDir);
  h = await startHarness(config, { store, noticeGapMs: 0 });
}, 120_000);

afterAll(async () => {
  await h?.close();
  await store?.close();
  root?.cleanup();
});

const sent = (calls: BotCall[]) => calls.filter((c) => c.ok && (c.method === 'sendMessage' || c.method === 'editMessageText'));
const latestIn = (chatId: number) => h.fake.messagesIn(chatId).at(-1)!;
const button = (m: BotMessage, text: string) =>
  m.reply_markup?.inline_keyboard.flat().find((b) => b.text === text) as { text: string; callback_data: string } | undefined;
const answerQueries = (since: number) => h.fake.calls.slice(since).filter((c) => c.method === 'answerCallbackQuery');

it('closes the loop: refused → /gaps → document added → notice → answered; curated served, then withdrawn', async () => {
  // 1. A refused question (with a phone number in it), followed by its asker.
  await h.say(citizen, privateChat(citizen), `养狗要办什么登记？我电话${PHONE}`);
  const refusal = latestIn(citizen.id);
  expect(refusal.text).toContain('没有找到');
  expect(button(refusal, '📞 转人工咨询')).toBeDefined();
  const follow = button(refusal, '🔔 能回答时通知我')!;
  let mark = h.fake.calls.length;
  await h.press(citizen, refusal, follow.callback_data);
  expect(String(answerQueries(mark)[0]?.params.text)).toContain('能回答这个问题时会通知您');

  // The way to a person packages the redacted question.
  await h.press(citizen, refusal, button(refusal, '📞 转人工咨询')!.callback_data);
  const handoff = latestIn(citizen.id).text;
  expect(handoff).toContain('12345');
  expect(handoff).toContain('养狗要办什么登记');
  expect(handoff).not.toContain(PHONE);

  // 2. The admin's gap report lists it; a citizen may not ask for it.
  await h.say(admin, privateChat(admin), '/gaps');
  const gaps = latestIn(admin.id).text;
  expect(gaps).toContain('知识缺口');
  expect(gaps).toContain('养狗要办什么登记');
  expect(gaps).not.toContain(PHONE);
  await h.say(other, privateChat(other), '/gaps');
  expect(latestIn(other.id).text).toContain('仅限管理员');

  // 3. A curated answer is served with its citation; its asker follows it.
  await h.say(other, privateChat(other), '离婚冷静期是多长时间？');
  const curated = latestIn(other.id);
  expect(curated.text).toContain('协议离婚有三十日的“冷静期”');
  expect(curated.text).toMatch(/来源\n\[1\] 《中华人民共和国民法典·婚姻家庭编》/);
  await h.press(other, curated, button(curated, '🔔 有变化时通知我')!.callback_data);
  await h.say(other, privateChat(other), '/subscriptions');
  const list = latestIn(other.id);
  expect(list.text).toContain('离婚冷静期是多长时间');
  expect(button(list, '取消第 1 条')).toBeDefined();

  // 4. The operator adds the missing document and edits the passage the curated answer rests on; a refresh
  // makes a new snapshot and the running bot reloads it.
  writeFileSync(join(corpus(), '某县养犬管理规定.md'), DOG_LAW);
  const law = readFileSync(join(corpus(), LAW), 'utf8');
  writeFileSync(join(corpus(), LAW), law.replace('自婚姻登记机关收到离婚登记申请之日起三十日内', '自婚姻登记机关收到离婚登记申请之日起四十五日内'));
  await refresh();
  mark = h.fake.calls.length;
  expect(h.bot.reload()).toBe(true);
  await h.bot.loop.settled();

  // The follower of the refused question is told it has an answer now, with its source and an opt-out.
  const notices = sent(h.fake.calls.slice(mark));
  const toCitizen = notices.filter((c) => Number(c.params.chat_id) === citizen.id);
  expect(toCitizen).toHaveLength(1);
  const notice = latestIn(citizen.id);
  expect(notice.text).toContain('现在有答案了');
  expect(notice.text).toContain('某县养犬管理规定');
  expect(button(notice, '🔕 停止提醒')).toBeDefined();
  // The follower of the curated answer is told its passage changed, with the new wording.
  const changed = latestIn(other.id);
  expect(changed.text).toContain('所依据的内容有变化');
  expect(changed.text).toContain('四十五日');

  // 5. The next ask is answered, with a citation of the new document.
  await h.say(citizen, privateChat(citizen), '养狗要办什么登记？');
  const answered = latestIn(citizen.id);
  expect(answered.text).not.toContain('没有找到');
  expect(answered.text).toMatch(/\[1\] 《某县养犬管理规定》/);

  // 6. The curated answer is withdrawn: its cited passage changed, so it is never served again.
  await h.say(other, privateChat(other), '离婚冷静期是多长时间？');
  expect(latestIn(other.id).text).not.toContain('协议离婚有三十日的“冷静期”');
  expect(
    h.app.curated
      ?.status(h.app.engine)
      .stale.map((s) => s.file)
      .join(),
  ).toContain('离婚冷静期');

  // 7. One tap stops the notices: the answer subscription is gone (the refused one ended with its notice).
  mark = h.fake.calls.length;
  await h.press(other, changed, button(changed, '🔕 停止提醒')!.callback_data);
  expect(String(answerQueries(mark)[0]?.params.text)).toContain('已停止');
  expect(await store.subscriptions.list(String(other.id))).toEqual([]);
  expect(await store.subscriptions.list(String(citizen.id))).toEqual([]);

  // 8. What is stored: rows with outcomes and cited documents, no user id, name or phone number.
  const rows = await store.questions.since(0);
  expect(rows.map((r) => r.outcome)).toEqual(expect.arrayContaining(['refused', 'answered']));
  expect(rows.find((r) => r.outcome === 'answered' && r.docs.some((d) => d.includes('养犬')))).toBeDefined();
  expect(new Set(rows.map((r) => r.userHash)).size).toBe(2);
  const logged = JSON.stringify([rows, await store.feedback.list(0)]);
  for (const secret of [String(citizen.id), String(other.id), '王小明', '李秀英', PHONE]) expect(logged).not.toContain(secret);
  // Anywhere in the store's files (SQLite and its journal): no name and no phone number at all.
  const bytes = readdirSync(config.dataDir)
    .map((f) => readFileSync(join(config.dataDir, f)).toString('utf8'))
    .join('\n');
  for (const secret of ['王小明', '李秀英', PHONE]) expect(bytes).not.toContain(secret);
}, 120_000);

it('answers inline with the short answer, its citation and the passage, and offers nothing for a refusal', async () => {
  const inline = async (query: string) => {
    const mark = h.fake.calls.length;
    await h.handle(() => h.fake.push({ inline_query: { id: `iq${mark}`, from: other, query, offset: '' } } as never));
    const call = h.fake.calls.slice(mark).find((c) => c.method === 'answerInlineQuery')!;
    const results = call.params.results;
    return (typeof results === 'string' ? JSON.parse(results) : results) as { title: string; input_message_content: { message_text: string } }[];
  };
  const [article] = await inline('养狗要办什么登记');
  expect(article.input_message_content.message_text).toContain('[1] 《某县养犬管理规定》');
  expect(article.input_message_content.message_text).toContain('「');
  expect(await inline('今天天气怎么样')).toEqual([]);
}, 60_000);

it('sends the notices of a snapshot once when two replicas sharing the store both pick it up', async () => {
  // A second replica: its own App (still on the current snapshot) over the same store and Bot API.
  const replica = new BotLoop({ ...h.bot.services, app: App.open(config) }, () => h.bot.telegraf.telegram, { noticeGapMs: 0 });
  await h.say(citizen, privateChat(citizen), '电动自行车上牌要带什么材料？');
  const refusal = latestIn(citizen.id);
  expect(refusal.text).toContain('没有找到');
  await h.press(citizen, refusal, button(refusal, '🔔 能回答时通知我')!.callback_data);
  writeFileSync(join(corpus(), '电动自行车登记办法.md'), EBIKE);
  await refresh();
  const mark = h.fake.calls.length;
  expect(h.bot.reload()).toBe(true);
  expect(replica.reload()).toBe(true);
  await Promise.all([h.bot.loop.settled(), replica.settled()]);
  const toCitizen = sent(h.fake.calls.slice(mark)).filter((c) => Number(c.params.chat_id) === citizen.id);
  expect(toCitizen.map((c) => String(c.params.text).includes('现在有答案了'))).toEqual([true]);
}, 60_000);
