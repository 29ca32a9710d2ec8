// Inline keyboards and their callback data: example questions, "show the cited passage" and feedback votes.
// Telegram caps callback data at 64 bytes, so answers are referred to by a short key into the answer cache.
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'telegraf/types';
import type { Citation } from '../types.ts';
import type { UiTexts } from './texts.ts';

export const CALLBACK_DATA_BYTES = 64;

export type Vote = 'up' | 'down';

export type Callback = { kind: 'ask'; question: string } | { kind: 'cite'; key: string; n: number } | { kind: 'vote'; key: string; vote: Vote };

export function encodeCallback(c: Callback): string {
  if (c.kind === 'ask') return `ask:${c.question}`;
  if (c.kind === 'cite') return `cite:${c.key}:${c.n}`;
  return `vote:${c.key}:${c.vote}`;
}

export function decodeCallback(data: string | undefined): Callback | undefined {
  if (!data) return undefined;
  if (data.startsWith('ask:') && data.length > 4) return { kind: 'ask', question: data.slice(4) };
  let m = /^cite:([\w-]+):(\d{1,3})$/.exec(data);
  if (m) return { kind: 'cite', key: m[1], n: Number(m[2]) };
  m = /^vote:([\w-]+):(up|down)$/.exec(data);
  if (m) return { kind: 'vote', key: m[1], vote: m[2] as Vote };
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

/** Under an answer: a "passage" button per citation (three per row), then the two feedback buttons. */
export function answerKeyboard(key: string, citations: Citation[], t: UiTexts): InlineKeyboardMarkup {
  const rows: InlineKeyboardButton[][] = [];
  citations.forEach((c, i) => {
    if (i % 3 === 0) rows.push([]);
    rows[rows.length - 1].push({ text: t.citeButton(c.n), callback_data: encodeCallback({ kind: 'cite', key, n: c.n }) });
  });
  rows.push([
    { text: t.helpful, callback_data: encodeCallback({ kind: 'vote', key, vote: 'up' }) },
    { text: t.notHelpful, callback_data: encodeCallback({ kind: 'vote', key, vote: 'down' }) },
  ]);
  return { inline_keyboard: rows };
}
