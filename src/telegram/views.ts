// What each reply looks like, as HTML message parts: the answer with its sources footer, a cited passage,
// the welcome/help text, the document list, the about text. Pure: texts in, escaped HTML out.
import { sourceLabel } from '../answer/messages.ts';
import type { Answer, Citation, Register } from '../types.ts';
import { type Block, escapeHtml, MESSAGE_LIMIT, renderParts } from './format.ts';
import { answerTexts, type UiTexts } from './texts.ts';

/** The answer, then "Sources" and one line per citation: `[n] 《title》 paragraph`. */
export function answerView(answer: Answer, opts: { echoQuestion?: boolean } = {}): string[] {
  const t = answerTexts(answer.register);
  const blocks: Block[] = [];
  if (opts.echoQuestion) blocks.push({ text: t.askedQuestion(answer.question.trim()), tag: 'b' });
  blocks.push({ text: answer.answer });
  if (answer.citations.length) {
    blocks.push({ text: '' }, { text: t.answerSources, tag: 'b' });
    for (const c of answer.citations) blocks.push({ text: `[${c.n}] ${sourceLabel(answer.register, c)}` });
  }
  return renderParts(blocks);
}

/** The streamed draft while an answer is being written: escaped, cut to fit one message, with an ellipsis. */
export function draftView(text: string): string {
  const html = escapeHtml(text.trimEnd());
  if (html.length + 2 <= MESSAGE_LIMIT) return `${html} …`;
  return renderParts([{ text }], MESSAGE_LIMIT - 2)[0] + ' …';
}

/** The full passage a citation quotes, with where it comes from. */
export function passageView(c: Citation, register: Register): string[] {
  const blocks: Block[] = [
    { text: `[${c.n}] ${sourceLabel(register, c)}`, tag: 'b' },
    { text: c.passage, tag: 'blockquote' },
  ];
  if (c.url) blocks.push({ text: c.url });
  return renderParts(blocks);
}

export function welcomeView(t: UiTexts, titles: string[], hasExamples: boolean): string[] {
  const blocks: Block[] = [{ text: t.welcome(titles.length) }, ...titleBlocks(titles)];
  blocks.push({ text: '' }, { text: t.commandsHint });
  if (hasExamples) blocks.push({ text: '' }, { text: t.examplesLead, tag: 'b' });
  return renderParts(blocks);
}

export function sourcesView(t: UiTexts, titles: string[]): string[] {
  return renderParts(sourcesBlocks(t, titles));
}

export function aboutView(t: UiTexts, titles: string[]): string[] {
  return renderParts([...t.about.map((text) => ({ text })), { text: '' }, ...sourcesBlocks(t, titles)]);
}

function sourcesBlocks(t: UiTexts, titles: string[]): Block[] {
  return [{ text: t.sourcesHeading(titles.length), tag: 'b' }, ...titleBlocks(titles)];
}

function titleBlocks(titles: string[]): Block[] {
  return titles.map((title, i) => ({ text: `${i + 1}. 《${title}》` }));
}

/** A plain UI text as HTML parts. */
export function textView(text: string): string[] {
  return renderParts([{ text }]);
}
