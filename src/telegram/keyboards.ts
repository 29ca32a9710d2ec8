// Inline keyboards and their callback data: example questions, "show the cited passage" and feedback votes.
// Telegram caps callback data at 64 bytes, so answers are referred to by a short key into the answer cache.
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'telegraf/types';
import type { Citation } from '../types.ts';
import type { UiTexts } from './texts.ts';

export const CALLBACK_DATA_BYTES = 64;

export type Vote = 'up' | 'down';

export type Callback =
  | { kind: 'ask'; question: string }
  | { kind: 'cite'; key: string; n: number }
  | { kind: 'vote'; key: string; vote: Vote }
  /** Follow the answer behind `key` (its cited passages, or the refused question). */
  | { kind: 'sub'; key: string }
  /** Stop following one subscription (a /subscriptions row). */
  | { kind: 'unsub'; id: string }
  /** The opt-out under a notice: `key` holds the subscription ids it reported on. */
  | { kind: 'stop'; key: string }
  /** The way to a person for the answer behind `key`. */
  | { kind: 'human'; key: string };

/** Kinds whose data is just `<kind>:<id>`. */
const SIMPLE = ['sub', 'stop', 'human'] as const;

export function encodeCallback(c: Callback): string {
  if (c.kind === 'ask') return `ask:${c.question}`;
  if (c.kind === 'cite') return `cite:${c.key}:${c.n}`;
  if (c.kind === 'vote') return `vote:${c.key}:${c.vote}`;
  if (c.kind === 'unsub') return `unsub:${c.id}`;
  return `${c.kind}:${c.key}`;
}

export function decodeCallback(data: string | undefined): Callback | undefined {
  if (!data) return undefined;
  if (data.startsWith('ask:') && data.length > 4) return { kind: 'ask', question: data.slice(4) };
  let m = /^cite:([\w-]+):(\d{1,3})$/.exec(data);
  if (m) return { kind: 'cite', key: m[1], n: Number(m[2]) };
  m = /^vote:([\w-]+):(up|down)$/.exec(data);
  if (m) return { kind: 'vote', key: m[1], vote: m[2] as Vote };
  m = /^unsub:([\w-]{1,40})$/.exec(data);
  if (m) return { kind: 'unsub', id: m[1] };
  m = /^(sub|stop|human):([\w-]{1,40})$/.exec(data);
  if (m) return { kind: m[1] as (typeof SIMPLE)[number], key: m[2] };
  return undefined;
}

/** Whether a question fits in one button's callback data. */
export function fitsButton(question: string): boolean {
  return Buffer.byteLength(encodeCallback({ kind: 'ask', question })) <= CALLBACK_DATA_BYTES;
}

/** One button per example question, one per row, so long questions stay readable. */
export function examplesKeyboard(questions: string[]): InlineKeyboardMarkup {
  return {
    inline_keyboard: questions.filter(fitsButton).map((q) => [{ text: q, callback_data: encodeCallback({ kind: 'ask', question: q }) }]),
  };
}

export interface AnswerButtons {
  /** Offer a change notice: "有变化时通知我" after an answer, "能回答时通知我" after a refusal. */
  follow?: 'answer' | 'refused';
  /** Offer the way to a person (after a refusal). */
  handoff?: string;
}

/** Under an answer: a "passage" button per citation (three per row), the two feedback buttons, then the notice
 * and hand-off buttons when offered. */
export function answerKeyboard(key: string, citations: Citation[], t: UiTexts, extra: AnswerButtons = {}): InlineKeyboardMarkup {
  const rows: InlineKeyboardButton[][] = [];
  citations.forEach((c, i) => {
    if (i % 3 === 0) rows.push([]);
    rows[rows.length - 1].push({ text: t.citeButton(c.n), callback_data: encodeCallback({ kind: 'cite', key, n: c.n }) });
  });
  rows.push([
    { text: t.helpful, callback_data: encodeCallback({ kind: 'vote', key, vote: 'up' }) },
    { text: t.notHelpful, callback_data: encodeCallback({ kind: 'vote', key, vote: 'down' }) },
  ]);
  const last: InlineKeyboardButton[] = [];
  if (extra.follow) last.push({ text: extra.follow === 'answer' ? t.followAnswer : t.followRefused, callback_data: encodeCallback({ kind: 'sub', key }) });
  if (extra.handoff) last.push(handoffButton(key, extra.handoff));
  if (last.length) rows.push(last);
  return { inline_keyboard: rows };
}

export function handoffButton(key: string, label: string): InlineKeyboardButton {
  return { text: label, callback_data: encodeCallback({ kind: 'human', key }) };
}

/** One "remove" button per subscription, in the order listed. */
export function subscriptionsKeyboard(ids: string[], t: UiTexts): InlineKeyboardMarkup {
  return { inline_keyboard: ids.map((id, i) => [{ text: t.unfollowButton(i + 1), callback_data: encodeCallback({ kind: 'unsub', id }) }]) };
}

/** The one-tap opt-out under a notice. */
export function noticeKeyboard(key: string, t: UiTexts): InlineKeyboardMarkup {
  return { inline_keyboard: [[{ text: t.stopNotices, callback_data: encodeCallback({ kind: 'stop', key }) }]] };
}
