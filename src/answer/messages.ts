// Fixed texts shown to citizens, by language and script. The refusal is deliberately fixed: when the
// documents do not answer, every front end says the same thing and never improvises policy.
import { toScript } from '../text/normalize.ts';
import type { Register } from '../types.ts';

export interface CorpusSummary {
  titles: string[];
  terms: string[];
}

function zh(register: Register, text: string): string {
  return toScript(text, register.script);
}

export function notFoundReply(register: Register, corpus: CorpusSummary): string {
  const titles = corpus.titles.slice(0, 5);
  const terms = corpus.terms.slice(0, 6);
  if (register.lang === 'en') {
    const lines = ['Sorry, the documents I have do not answer this question, and I only answer from them.'];
    if (titles.length) lines.push(`They cover: ${titles.map((t) => `《${t}》`).join(', ')}.`);
    if (terms.length) lines.push(`You could ask, for example: "what is ${terms[0]}?"${terms.length > 1 ? `, or about ${terms.slice(1).join(', ')}` : ''}.`);
    return lines.join('\n');
  }
  const lines = ['抱歉，现有文件中没有找到能回答这个问题的内容。我只根据文件原文作答，不作推测。'];
  if (titles.length) lines.push(`目前收录的文件有：${titles.map((t) => `《${t}》`).join('、')}。`);
  if (terms.length) lines.push(`您可以这样问：“${terms[0]}是什么？”${terms.length > 1 ? `，或询问${terms.slice(1).join('、')}等内容` : ''}。`);
  return zh(register, lines.join('\n'));
}

export function emptyQuestionReply(register: Register): string {
  return register.lang === 'en' ? 'Please type a question about the documents.' : zh(register, '请输入您想了解的政策问题。');
}

/** The line that introduces quoted passages in an extractive answer. */
export function extractiveLead(register: Register): string {
  return register.lang === 'en' ? 'The documents say (quoted in Chinese):' : zh(register, '根据现有文件：');
}

/** "《title》, paragraph 3" / "《标题》第3段", with the section or page when known. */
export function sourceLabel(register: Register, c: { title: string; paragraph: number; section?: string; page?: number }): string {
  if (register.lang === 'en') {
    const where = [c.page ? `page ${c.page}` : '', c.section ?? '', `paragraph ${c.paragraph}`].filter(Boolean).join(', ');
    return `《${c.title}》, ${where}`;
  }
  const where = [c.page ? `第${c.page}页` : '', c.section ?? '', `第${c.paragraph}段`].filter(Boolean).join(' ');
  return zh(register, `《${c.title}》${where}`);
}
