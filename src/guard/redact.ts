// Redaction of a citizen's message as written: personal data is found on the folded text (Simplified, half
// width, as findPersonalData expects) and replaced in the original, so a Traditional or full-width question
// keeps its script and the reply can still be written the way the citizen writes.
// Also the form of a redacted question that retrieval should see: a clause that only carries personal data
// ("我的身份证号是[身份证号]") adds words no document answers and would get an answerable question refused.
import { toSimplified } from '../text/normalize.ts';
import { findPersonalData, PII_LABEL_RE, PII_LABELS } from './pii.ts';
import type { PiiKind, Redaction } from './types.ts';

/** The folded text and, for each of its code units, the offset of the original character it came from. */
function foldWithMap(text: string): { folded: string; from: number[] } {
  let folded = '';
  const from: number[] = [];
  let i = 0;
  for (const ch of text) {
    // One character at a time so every folded unit knows its origin; phrase-level conversion is not needed
    // to recognise digits, letters, province names and surnames.
    const f = toSimplified(ch.normalize('NFKC'));
    for (let k = 0; k < f.length; k++) from.push(i);
    folded += f;
    i += ch.length;
  }
  from.push(text.length);
  return { folded, from };
}

/** Where folded offset `end` ends in the original: past the whole original character it falls in. */
function originalEnd(text: string, from: number[], end: number): number {
  const at = from[end];
  if (end === 0 || from[end - 1] !== at) return at;
  const cp = text.codePointAt(at) ?? 0;
  return at + (cp > 0xffff ? 2 : 1);
}

/** Replace each piece of personal data in `text` (any script, any width) with its label, e.g. `[身份证号]`. */
export function redactMessage(text: string): Redaction {
  const { folded, from } = foldWithMap(text);
  let out = '';
  let cursor = 0;
  const found: PiiKind[] = [];
  for (const m of findPersonalData(folded)) {
    const start = from[m.start];
    if (start < cursor) continue;
    out += text.slice(cursor, start) + PII_LABELS[m.kind];
    cursor = originalEnd(text, from, m.end);
    if (!found.includes(m.kind)) found.push(m.kind);
  }
  return { text: out + text.slice(cursor), found };
}

const CLAUSE_END = /(?<=[，,。；;！!？?\n])/;

/**
 * The redacted question as retrieval and the answerer should read it: clauses that carry a label (or that
 * `alsoDrop` names, e.g. the distress phrase of a crisis note) are left out when others remain ("我的电话[手机号]，
 * 离婚冷静期多久" -> "离婚冷静期多久"); otherwise only the labels go ("身份证[身份证号]丢了怎么补办" ->
 * "身份证丢了怎么补办").
 */
export function questionForSearch(redacted: string, alsoDrop: (clause: string) => boolean = () => false): string {
  const clauses = redacted.split(CLAUSE_END);
  const dropped = (c: string) => !!c.match(PII_LABEL_RE) || alsoDrop(c);
  if (!clauses.some(dropped)) return redacted;
  const clean = clauses.filter((c) => !dropped(c) && /[\p{L}\p{N}]/u.test(c));
  const text = clean.length ? clean.join('') : redacted.replace(PII_LABEL_RE, ' ');
  return text
    .replace(/\s+/g, ' ')
    .replace(/^[\s，,。；;]+|[\s，,；;]+$/g, '')
    .trim();
}
