// Load run for the bot (not part of `npm test`): the real bot, long polling against the fake Bot API.
//   npx tsx test/telegram/load.ts [--sequential 200] [--users 50,100,200,400] [--per-user 2]
// 1. Sequential questions: the bot's own time per answered update, from the moment a getUpdates response
//    carried the update to the moment the answer (the message with its buttons) reached the fake API.
// 2. Bursts: N users each send `per-user` questions at once; every update must be answered, in order per chat.
import { parseArgs } from 'node:util';
import type { Chat } from 'telegraf/types';
import type { BotCall } from '../../src/dev/telegram-api.ts';
import { buildTestIndex, privateChat, startHarness, user } from './harness.ts';

const QUESTIONS = [
  '什么是三治融合？',
  '法定结婚年龄是多少？',
  '什么是四季评议？',
  '遗产的法定继承顺序是什么？',
  '代书遗嘱需要几个见证人？',
  'what is 三治融合',
  '嫦娥六号取得了什么成果？',
  '今天天气怎么样？',
  '夫妻双方自愿离婚的，应当怎么办？',
  '什么是七大行动？',
];

const { values } = parseArgs({
  options: {
    sequential: { type: 'string', default: '200' },
    users: { type: 'string', default: '50,100,200,400' },
    'per-user': { type: 'string', default: '2' },
  },
});

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function summary(ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  return `median ${pct(s, 50).toFixed(1)} ms, p95 ${pct(s, 95).toFixed(1)} ms, max ${s[s.length - 1].toFixed(1)} ms (n=${s.length})`;
}

const isAnswer = (c: BotCall) => c.ok && c.method === 'sendMessage' && JSON.stringify(c.params.reply_markup ?? '').includes('vote:');

const built = await buildTestIndex({ RATE_LIMIT_PER_MINUTE: '1000' });
const h = await startHarness(built.config);
const { fake } = h;

/** Sends `questions` (chat, text) at once; resolves with the delivery->answer times, and how many got no answer. */
async function burst(items: { chat: Chat; text: string }[], timeoutMs = 120_000) {
  const since = fake.calls.length;
  const t0 = performance.now();
  const updates = items.map(({ chat, text }) => fake.sendText(user(chat.id), chat, text));
  const perChat = new Map<number, number>();
  for (const it of items) perChat.set(it.chat.id, (perChat.get(it.chat.id) ?? 0) + 1);
  const want = items.length;
  const answered = () => fake.calls.slice(since).filter(isAnswer).length;
  while (answered() < want && performance.now() - t0 < timeoutMs) await new Promise((ok) => setTimeout(ok, 20));
  const wall = performance.now() - t0;
  const answers = fake.calls.slice(since).filter(isAnswer);
  // Per chat, the k-th answer belongs to the k-th question (the bot answers one chat in order).
  const byChat = new Map<number, BotCall[]>();
  for (const a of answers) byChat.set(Number(a.params.chat_id), [...(byChat.get(Number(a.params.chat_id)) ?? []), a]);
  const seen = new Map<number, number>();
  const times: number[] = [];
  for (const u of updates) {
    const chatId = u.message.chat.id;
    const k = seen.get(chatId) ?? 0;
    seen.set(chatId, k + 1);
    const a = byChat.get(chatId)?.[k];
    const delivered = fake.updates.find((d) => d.update.update_id === u.update_id)?.deliveredAt;
    if (a && delivered !== undefined) times.push(a.at - delivered);
  }
  const failed = fake.calls.slice(since).filter((c) => !c.ok).length;
  return { times, lost: want - answers.length, failed, wall };
}

console.log(`index: ${h.app.status().docs} documents, ${h.app.status().chunks} chunks; answerer: ${h.app.answerer.name}`);

const n = Number(values.sequential);
const seq: number[] = [];
for (let i = 0; i < n; i++) {
  const u = user(1_000_000 + i);
  const r = await burst([{ chat: privateChat(u), text: QUESTIONS[i % QUESTIONS.length] }]);
  seq.push(...r.times);
}
console.log(`sequential, ${n} questions: bot time per answered update: ${summary(seq)}`);

const perUser = Number(values['per-user']);
for (const users of values.users!.split(',').map(Number)) {
  const items = Array.from({ length: users }, (_, i) => privateChat(user(2_000_000 + users * 10 + i))).flatMap((chat, i) =>
    Array.from({ length: perUser }, (_, k) => ({ chat, text: QUESTIONS[(i + k) % QUESTIONS.length] })),
  );
  const r = await burst(items);
  console.log(
    `burst: ${users} users x ${perUser} questions = ${items.length} updates at once: answered ${items.length - r.lost}, lost ${r.lost}, ` +
      `failed API calls ${r.failed}, all answered in ${(r.wall / 1000).toFixed(2)} s; delivery->answer ${r.times.length ? summary(r.times) : '-'}`,
  );
}

await h.close();
built.cleanup();
