// A way to a person: when the bot refuses, or the citizen votes 👎, a button offers the official channel and
// this message, which packages the question and the sources the bot looked at, so the citizen can paste it
// into the hotline's web form or read it out on the phone instead of explaining again. Personal data in the
// question is redacted: the message may be forwarded, and the citizen adds their details to the person.
import { redact } from '../guard/pii.ts';
import { toScript } from '../text/normalize.ts';
import type { Citation, Hit, Register } from '../types.ts';

export type HandoffReason = 'refused' | 'downvoted';

/** A source as the citizen would name it: a title with the section or article when known. */
export interface HandoffSource {
  title: string;
  section?: string;
}

export interface HandoffInput {
  question: string;
  register: Register;
  reason: HandoffReason;
  /** The passages the bot looked at: the citations of a 👎 answer, the closest hits of a refusal. */
  sources: readonly HandoffSource[];
  /** OFFICIAL_CHANNEL. */
  channel: string;
}

const MAX_QUESTION = 200;
const MAX_SOURCES = 3;

/** Sources of an answer's citations or a retrieval's hits, distinct, in order. */
export function handoffSources(items: readonly (Citation | Hit)[]): HandoffSource[] {
  const out: HandoffSource[] = [];
  for (const it of items) {
    const s: HandoffSource = 'chunk' in it ? { title: it.doc.title, section: it.chunk.section } : { title: it.title, section: it.section };
    if (!out.some((o) => o.title === s.title && o.section === s.section)) out.push(s);
  }
  return out;
}

function questionText(q: string): string {
  const text = redact(q.normalize('NFKC')).text.replace(/\s+/g, ' ').trim();
  return text.length > MAX_QUESTION ? `${text.slice(0, MAX_QUESTION - 1)}…` : text;
}

/** The short message behind the "contact a person" button. */
export function handoffMessage(input: HandoffInput): string {
  const q = questionText(input.question);
  const sources = input.sources.slice(0, MAX_SOURCES);
  if (input.register.lang === 'en') {
    const why = input.reason === 'refused' ? 'the documents I have did not answer it' : 'my answer did not help';
    const lines = [`To ask a person: ${input.channel}`, '', 'You can copy this:', `Question: ${q}`, `Note: asked the 问政 bot first; ${why}.`];
    if (sources.length) lines.push(`Looked at: ${sources.map(label).join('; ')}`);
    return lines.join('\n');
  }
  const why = input.reason === 'refused' ? '智能问答未能从现有文件中找到答案' : '对智能问答的回答不满意';
  const lines = [
    `如需人工解答，请联系：${input.channel}`,
    '',
    '可复制以下内容，免去重复说明：',
    `【咨询问题】${q}`,
    `【情况说明】已先咨询“问政”智能问答，${why}。`,
  ];
  if (sources.length) lines.push(`【已查阅】${sources.map(label).join('；')}`);
  lines.push('（个人信息已隐去，办理时请向工作人员说明。）');
  return toScript(lines.join('\n'), input.register.script);
}

const label = (s: HandoffSource) => `《${s.title}》${s.section ? ` ${s.section}` : ''}`;

/** The button that opens the message. */
export function handoffButtonLabel(register: Register): string {
  return register.lang === 'en' ? '📞 Ask a person' : toScript('📞 转人工咨询', register.script);
}
