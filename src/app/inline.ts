// Inline mode, the pure part: `@bot 问题` in any chat becomes one shareable result, the short answer with its
// first citation and the passage it quotes, so a citizen can post a cited answer in a family group. Plain text
// (the Telegram side may format it); the shapes follow InlineQueryResultArticle without depending on Telegraf.
import { createHash } from 'node:crypto';
import { sourceLabel } from '../answer/messages.ts';
import { toScript } from '../text/normalize.ts';
import type { Answer } from '../types.ts';

export interface InlineArticle {
  /** At most 64 bytes (Telegram); the same question and answer give the same id. */
  id: string;
  title: string;
  description: string;
  /** The message posted into the chat, under Telegram's 4096 characters. */
  messageText: string;
}

const LIMIT = 4096;
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The inline result for an answer; undefined for a refusal (the bot offers no result rather than "not found"). */
export function inlineArticle(answer: Pick<Answer, 'question' | 'answer' | 'found' | 'citations' | 'register'>): InlineArticle | undefined {
  if (!answer.found) return undefined;
  const r = answer.register;
  const en = r.lang === 'en';
  const zh = (s: string) => toScript(s, r.script);
  const c = answer.citations[0];
  const source = c ? sourceLabel(r, c) : '';
  const head = `${en ? 'Q' : zh('问')}: ${clip(answer.question.trim(), 200)}`;
  const via = en ? '— answered by 问政 from the documents' : zh('—— 来自“问政”，依据文件原文作答');
  // The answer and the source come first; the passage fills what room is left.
  const fixed = [head, '', answer.answer, '', c ? `[${c.n}] ${source}` : '', '', via].join('\n');
  const room = LIMIT - fixed.length - 4;
  const passage = c && room > 40 ? `\n「${clip(c.passage, Math.min(room, 800))}」` : '';
  const messageText = clip([head, '', answer.answer, '', c ? `[${c.n}] ${source}${passage}` : '', '', via].join('\n'), LIMIT);
  const id = createHash('sha256').update(`${answer.question}\n${answer.answer}`).digest('hex').slice(0, 32);
  return { id, title: clip(answer.answer.replace(/\s+/g, ' '), 60), description: source || clip(answer.question, 60), messageText };
}
