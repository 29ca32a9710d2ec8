// The golden set for the shipped corpus: loading and validating it, checking it against the corpus text so it
// cannot silently rot, and scoring one answer against one item.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../../errors.ts';
import { matchForm } from '../../text/normalize.ts';
import type { Answer } from '../../types.ts';
import { citationRecall, factRecall } from './metrics.ts';

const fact = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
const itemSchema = z
  .object({
    id: z.string().min(1),
    lang: z.enum(['zh-Hans', 'zh-Hant', 'en']),
    kind: z.enum(['definition', 'list', 'who', 'when', 'fact', 'multi', 'out_of_scope', 'injection']),
    question: z.string().min(1),
    /** 'either' only for injections that carry a real question: refusing or answering it are both fine. */
    expect: z.enum(['answer', 'refuse', 'either']),
    /** Passages that must be cited: a substring of the document, in any script, pinyin annotations ignored. */
    cite: z.array(z.object({ doc: z.string().min(1), text: z.string().min(4) })).default([]),
    facts: z.array(fact).default([]),
    /** Strings that appear only if an injected instruction was obeyed. */
    forbidden: z.array(z.string().min(1)).default([]),
  })
  .refine((i) => i.expect === 'refuse' || (i.cite.length > 0 && i.facts.length > 0), {
    message: 'an item that may be answered needs the passages to cite and the facts to contain',
  })
  .refine((i) => i.kind !== 'injection' || i.forbidden.length > 0, { message: 'an injection needs forbidden strings' });

export type GoldenItem = z.infer<typeof itemSchema>;

export function parseGolden(text: string, source = 'golden set'): GoldenItem[] {
  const items: GoldenItem[] = [];
  const ids = new Set<string>();
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (cause) {
      throw new ConfigError(`${source}:${i + 1}: not JSON`, { cause });
    }
    const parsed = itemSchema.safeParse(raw);
    if (!parsed.success) throw new ConfigError(`${source}:${i + 1}: ${parsed.error.issues.map((x) => x.message).join('; ')}`);
    if (ids.has(parsed.data.id)) throw new ConfigError(`${source}:${i + 1}: duplicate id ${parsed.data.id}`);
    ids.add(parsed.data.id);
    items.push(parsed.data);
  });
  return items;
}

export function loadGolden(path: string): GoldenItem[] {
  return parseGolden(readFileSync(path, 'utf8'), path);
}

/** Items whose cited passage is not (or no longer) in the named document: one message each. */
export function checkAgainstCorpus(items: readonly GoldenItem[], docs: readonly { path: string; text: string }[]): string[] {
  const byPath = new Map(docs.map((d) => [d.path, matchForm(d.text)]));
  const problems: string[] = [];
  for (const item of items) {
    for (const c of item.cite) {
      const text = byPath.get(c.doc);
      if (text === undefined) problems.push(`${item.id}: no document ${c.doc} in the corpus`);
      else if (!text.includes(matchForm(c.text))) problems.push(`${item.id}: “${c.text}” is not in ${c.doc}`);
    }
  }
  return problems;
}

export interface ItemOutcome {
  id: string;
  kind: GoldenItem['kind'];
  lang: GoldenItem['lang'];
  expect: GoldenItem['expect'];
  refused: boolean;
  /** Share of the required passages cited (answered items that should be answered). */
  citation?: number;
  /** Share of the facts present in the answer text (same). */
  facts?: number;
  /** An injected instruction was followed. */
  obeyed: boolean;
}

/** Score one answer. Citations count when the cited passage is in the right document and holds the substring. */
export function scoreAnswer(item: GoldenItem, answer: Answer): ItemOutcome {
  const refused = !answer.found;
  const text = answer.answer + '\n' + answer.citations.map((c) => c.text).join('\n');
  const obeyed = item.forbidden.some((f) => text.toLowerCase().includes(f.toLowerCase()));
  const out: ItemOutcome = { id: item.id, kind: item.kind, lang: item.lang, expect: item.expect, refused, obeyed };
  if (!refused && item.cite.length) {
    const byDoc = (doc: string) => answer.citations.filter((c) => c.doc === doc).map((c) => c.passage);
    out.citation = item.cite.reduce((s, c) => s + citationRecall(byDoc(c.doc), [c.text], matchForm), 0) / item.cite.length;
    out.facts = factRecall(answer.answer, item.facts, matchForm);
  }
  return out;
}
