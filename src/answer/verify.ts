// Pure checks on a model's reply: parse the answer text and its closing SOURCES/ANSWERED lines leniently,
// keep only citations to passages that were given (renumbered 1..m in order of use), and decide refusal.
import { LlmError } from '../errors.ts';
import { labelledLine, stripThinking } from '../llm/reply.ts';

/** How far the passages answer the question, as the model judged it. */
export type Coverage = 'full' | 'partial' | 'none';

export interface ModelReply {
  text: string;
  /** Passage numbers the model declared on its SOURCES line (unchecked). */
  sources: number[];
  answered: Coverage;
}

export interface VerifiedReply {
  /** The answer with markers renumbered 1..m; markers to passages not given are removed. */
  answer: string;
  /** Original passage numbers (1-based) of the kept citations: `used[i]` becomes `[i + 1]`. */
  used: number[];
  /** Cited numbers that were not among the passages given. */
  dropped: number[];
  refused: boolean;
  reason?: 'not-answered' | 'no-citations' | 'echoes-instructions';
}

const META_LINE = labelledLine('SOURCES|ANSWERED');
const META_START = /^[\s>*_#-]*(SOURCES|ANSWERED)\b/i;
const FENCE_LINE = /^\s*```\w*\s*$/;
const MARKER = /([ \t]*)\[(\d{1,2})\]/g;

function coverageOf(value: string): Coverage | undefined {
  const v = value.trim().toLowerCase();
  if (/part|部分/.test(v)) return 'partial';
  if (/^(no|not|none|否|未|没有)/.test(v)) return 'none';
  if (/^(yes|full|fully|complete|是|完全)/.test(v)) return 'full';
  return undefined;
}

/** Split a complete reply into answer text and metadata; a reply without a readable ANSWERED line is malformed. */
export function parseReply(raw: string): ModelReply {
  const lines = stripThinking(raw).split('\n');
  const meta = new Map<string, string>();
  let end = lines.length;
  // The metadata is the trailing run of SOURCES/ANSWERED lines (blank lines and code fences allowed between).
  while (end > 0) {
    const line = lines[end - 1];
    const m = META_LINE.exec(line);
    if (m) {
      const key = m[1].toUpperCase();
      if (!meta.has(key)) meta.set(key, m[2]);
    } else if (line.trim() && !FENCE_LINE.test(line)) break;
    end--;
  }
  const answeredValue = meta.get('ANSWERED');
  if (answeredValue === undefined) throw new LlmError('malformed reply: it does not end with an ANSWERED line');
  const answered = coverageOf(answeredValue);
  if (!answered) throw new LlmError(`malformed reply: ANSWERED is "${answeredValue}", expected yes, partly or no`);
  const body = lines.slice(0, end);
  while (body.length && FENCE_LINE.test(body[body.length - 1])) body.pop();
  const text = body.join('\n').trim();
  if (!text && answered !== 'none') throw new LlmError('malformed reply: no answer text before the closing lines');
  const sources = [...(meta.get('SOURCES') ?? '').matchAll(/\d{1,2}/g)].map((m) => Number(m[0]));
  return { text, sources, answered };
}

/**
 * Markers in the model's styles ([1, 2], [1、2], 【1】) become [1][2]; markers to given passages (1..given) are
 * renumbered by order of first use, others removed with the space before them.
 */
export function renumberCitations(text: string, given: number): { text: string; used: number[]; dropped: number[] } {
  const norm = text.replace(/【(\d{1,2})】/g, '[$1]').replace(/\[(\d{1,2}(?:\s*[,，、]\s*\d{1,2})+)\]/g, (_, list: string) =>
    list
      .split(/[,，、]/)
      .map((n) => `[${n.trim()}]`)
      .join(''),
  );
  const used: number[] = [];
  const dropped: number[] = [];
  const out = norm.replace(MARKER, (_, space: string, digits: string) => {
    const n = Number(digits);
    if (n < 1 || n > given) {
      if (!dropped.includes(n)) dropped.push(n);
      return '';
    }
    if (!used.includes(n)) used.push(n);
    return `${space}[${used.indexOf(n) + 1}]`;
  });
  return { text: out.replace(/(\[\d+\])(?:\1)+/g, '$1'), used, dropped };
}

/** True when the answer repeats a sentence of the instructions: a prompt-extraction attempt that worked. */
export function echoesInstructions(answer: string, instructions: string, minChars = 40): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ');
  const a = norm(answer);
  return instructions
    .split(/\n|(?<=[.。:：])\s/)
    .map((s) => norm(s.replace(/^\s*\d+\.\s*/, '')).trim())
    .some((s) => s.length >= minChars && a.includes(s));
}

/** Check a parsed reply against the `given` passages; `instructions` is the system prompt the model saw. */
export function verifyReply(reply: ModelReply, given: number, instructions = ''): VerifiedReply {
  const r = renumberCitations(reply.text, given);
  let { text: answer, used } = r;
  // A model that lists its sources but forgets the inline markers: cite the declared, given ones at the end.
  if (!used.length) {
    used = [...new Set(reply.sources)].filter((n) => n >= 1 && n <= given);
    if (used.length) answer = `${answer} ${used.map((_, i) => `[${i + 1}]`).join('')}`;
  }
  const base = { answer: answer.trim(), used, dropped: r.dropped };
  if (reply.answered === 'none') return { ...base, refused: true, reason: 'not-answered' };
  if (!used.length) return { ...base, refused: true, reason: 'no-citations' };
  if (instructions && echoesInstructions(answer, instructions)) return { ...base, refused: true, reason: 'echoes-instructions' };
  return { ...base, refused: false };
}

/**
 * What can be shown of a reply still being streamed: no thinking, nothing from the closing lines on, no half
 * typed closing key or marker at the end, and markers numbered as the final answer will number them.
 */
export function visibleAnswer(partial: string, given: number): string {
  const lines = stripThinking(partial).split('\n');
  const cut = lines.findIndex((l) => META_START.test(l));
  const kept = cut >= 0 ? lines.slice(0, cut) : lines;
  if (cut < 0 && kept.length) {
    // "SOU", "**" or "- " may be the start of a closing line: wait for the next token to tell.
    const raw = kept[kept.length - 1];
    const last = raw.replace(/^[\s>*_#-]+/, '').toUpperCase();
    if (raw.trim() && ['SOURCES:', 'ANSWERED:'].some((k) => k.startsWith(last))) kept.pop();
  }
  while (kept.length && FENCE_LINE.test(kept[kept.length - 1])) kept.pop();
  const text = kept.join('\n').replace(/[ \t]*[[【][\d\s,，、]*$/, '');
  return renumberCitations(text, given).text.trim();
}
