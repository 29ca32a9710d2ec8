// Fixed texts shown to citizens, by language and script. The refusal is deliberately fixed: when the
// documents do not answer, every front end says the same thing and never improvises policy.
import { yearLabel } from '../corpus/metadata.ts';
import { toScript } from '../text/normalize.ts';
import type { Register } from '../types.ts';

function zh(register: Register, text: string): string {
  return toScript(text, register.script);
}

export interface CorpusSummary {
  titles: string[];
  terms: string[];
  /** What the corpus holds, one line per collection: "国务院政府工作报告 1954–2025 年 52 份". */
  collections?: string[];
}

/** Why there is no answer, when the question names what the corpus does not have. */
export interface RefusalReason {
  /** Years named that have no report ("2020"): said first, so the citizen knows it is not an oversight. */
  missingYears?: number[];
  /** A document of that year that is there instead (the NPC resolution on the 2020 report). */
  instead?: string[];
  /** Documents named that are not in the corpus ("劳动合同法"). */
  missingDocuments?: string[];
}

export function notFoundReply(register: Register, corpus: CorpusSummary, reason: RefusalReason = {}): string {
  const terms = corpus.terms.slice(0, 3);
  const covered = corpus.collections?.length ? corpus.collections : corpus.titles.slice(0, 5).map((t) => `《${t}》`);
  const years = reason.missingYears ?? [];
  if (register.lang === 'en') {
    const lines: string[] = [];
    if (years.length) lines.push(`The documents I have include no government work report of ${years.join(', ')}.`);
    if (reason.missingDocuments?.length) lines.push(`The documents I have do not include ${reason.missingDocuments.map((d) => `《${d}》`).join(', ')}.`);
    lines.push('Sorry, the documents I have do not answer this question, and I only answer from them.');
    if (covered.length) lines.push(`They cover: ${covered.join('; ')}.`);
    if (terms.length) lines.push(`You could ask, for example: ${terms.map((t) => `"what is ${t}?"`).join(' or ')}`);
    return lines.join('\n');
  }
  const lines: string[] = [];
  if (years.length) {
    const instead = reason.instead?.length ? `（只有${reason.instead.map((t) => `《${t}》`).join('、')}）` : '';
    lines.push(`现有文件中没有${years.join('、')}年的政府工作报告${instead}。`);
  }
  if (reason.missingDocuments?.length) lines.push(`现有文件中没有${reason.missingDocuments.map((d) => `《${d}》`).join('、')}。`);
  lines.push('抱歉，现有文件中没有找到能回答这个问题的内容。我只根据文件原文作答，不作推测。');
  if (covered.length) lines.push(`目前收录：${covered.join('；')}。`);
  if (terms.length) lines.push(`您可以这样问：${terms.map((t) => `“${t}是什么？”`).join(' ')}`);
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
export function sourceLabel(register: Register, c: { title: string; paragraph: number; section?: string; page?: number; year?: number }): string {
  // Every source says its year, also when the title does not (a resolution named by its NPC session).
  const year = yearLabel(c.title, c);
  if (register.lang === 'en') {
    const where = [c.page ? `page ${c.page}` : '', c.section ?? '', `paragraph ${c.paragraph}`].filter(Boolean).join(', ');
    return `《${c.title}》${year ? ` (${c.year})` : ''}, ${where}`;
  }
  const where = [c.page ? `第${c.page}页` : '', c.section ?? '', `第${c.paragraph}段`].filter(Boolean).join(' ');
  return zh(register, `《${c.title}》${year ? `（${year}）` : ''}${where}`);
}
