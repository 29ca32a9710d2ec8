// Change notices: which subscribers a refresh concerns and what to tell them. A subscription to an answer
// follows the passages it cited (by content hash); one to a refused question waits until a new snapshot
// answers it. Each owner gets at most one notice per refresh, listing up to three items, so a large refresh
// never floods a chat. Texts are short, in the subscriber's script, with the new passage and its source.
import { createHash } from 'node:crypto';
import { redact } from '../../guard/pii.ts';
import type { Subscription } from '../../state/types.ts';
import { matchForm, toScript } from '../../text/normalize.ts';
import type { Answer, Register } from '../../types.ts';
import { passageHash } from './diff.ts';
import type { AnswerSubscription, DocDiff, Notice, NowAnswered, PassageRef, RefusedSubscription, SnapshotDiff, SubscriptionData } from './types.ts';

const short = (s: string, n: number) => {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
};
const id = (prefix: string, parts: string[]) => `${prefix}${createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 14)}`;
const cleanQuestion = (q: string) => short(redact(q.normalize('NFKC')).text, 120);

/** What the "有变化时通知我" button stores: an id naming the question and passages, and their hashes. */
export function answerSubscription(answer: Pick<Answer, 'question' | 'citations' | 'register'>): { id: string; data: AnswerSubscription } {
  const cited = answer.citations.map((c) => {
    const ref: AnswerSubscription['cited'][number] = { doc: c.doc, title: c.title, hash: passageHash(c.passage) };
    if (c.section) ref.section = c.section;
    return ref;
  });
  const data: AnswerSubscription = { kind: 'answer', question: cleanQuestion(answer.question), register: answer.register, cited };
  return { id: id('a', [matchForm(data.question), ...cited.map((c) => c.hash)]), data };
}

/** What a "notify me when this can be answered" button on a refusal stores. */
export function refusedSubscription(question: string, register: Register): { id: string; data: RefusedSubscription } {
  const data: RefusedSubscription = { kind: 'refused', question: cleanQuestion(question), register };
  return { id: id('r', [matchForm(data.question)]), data };
}

function isData(d: unknown): d is SubscriptionData {
  const k = (d as { kind?: unknown } | null)?.kind;
  return (k === 'answer' && Array.isArray((d as AnswerSubscription).cited)) || k === 'refused';
}

const where = (r: { title: string; section?: string }) => `《${r.title}》${r.section ? ` ${r.section}` : ''}`;

/** The items of one subscription: each cited passage that changed or went away. */
function answerItems(sub: AnswerSubscription, byOld: Map<string, { doc: DocDiff; after?: PassageRef }>): string[] {
  const items: string[] = [];
  for (const c of sub.cited) {
    const hit = byOld.get(c.hash);
    if (!hit) continue;
    if (hit.after) items.push(`${where(hit.after)}有修改，现为：“${short(hit.after.text, 160)}”`);
    else if (hit.doc.status === 'removed') items.push(`${where(c)}所在的文件已不再收录。`);
    else items.push(`${where(c)}中引用的段落已删除。`);
  }
  return [...new Set(items)];
}

export interface NoticeOptions {
  /** Items listed in one notice before "and N more" (default 3). */
  maxItems?: number;
}

/**
 * The notices for one refresh: per owner, one text covering every followed answer whose cited passage changed
 * or disappeared, and every followed refused question the new snapshot answers.
 */
export function noticesFor(subs: readonly Subscription[], diff: SnapshotDiff, answered: readonly NowAnswered[], opts: NoticeOptions = {}): Notice[] {
  const maxItems = opts.maxItems ?? 3;
  const byOld = new Map<string, { doc: DocDiff; after?: PassageRef }>();
  for (const doc of diff.docs) {
    for (const r of doc.removed) byOld.set(r.hash, { doc });
    for (const c of doc.changed) byOld.set(c.before.hash, { doc, after: c.after });
  }
  const nowAnswered = new Map(answered.map((a) => [a.subscriptionId, a]));
  const perOwner = new Map<string, { ids: string[]; items: string[]; register: Register }>();
  for (const sub of subs) {
    if (!isData(sub.data)) continue;
    const data = sub.data;
    let items: string[] = [];
    if (data.kind === 'answer') {
      const changes = answerItems(data, byOld);
      if (changes.length) items = [`您关注的“${data.question}”所依据的内容有变化：\n${changes.map((c) => `· ${c}`).join('\n')}`];
    } else {
      const a = nowAnswered.get(sub.id);
      if (a) {
        const src = a.citations[0];
        items = [`您之前问的“${data.question}”现在有答案了：\n${short(a.answer, 200)}${src ? `\n来源：${where(src)} 第${src.paragraph}段` : ''}`];
      }
    }
    if (!items.length) continue;
    const entry = perOwner.get(sub.owner) ?? { ids: [], items: [], register: data.register };
    entry.ids.push(sub.id);
    entry.items.push(...items);
    perOwner.set(sub.owner, entry);
  }
  return [...perOwner.entries()].map(([owner, e]) => {
    const shown = e.items.slice(0, maxItems);
    const more = e.items.length - shown.length;
    const lines = [
      '【政策更新提醒】',
      ...shown,
      ...(more > 0 ? [`另有 ${more} 项更新，请发送 /subscriptions 查看。`] : []),
      '不想再收到提醒？点下方“停止提醒”。',
    ];
    const text = lines.join('\n\n');
    return { owner, subscriptionIds: e.ids, text: e.register.lang === 'zh' ? toScript(text, e.register.script) : text };
  });
}
