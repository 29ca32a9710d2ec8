// False-positive scan of the guard rules over real text: personal data "found" in the shared corpora (policy
// documents carry none, so every match is a false positive or a public number), and triage of question sets
// that all expect an answer (every `reply` handling is a message the bot would wrongly not answer).
// Usage: npx tsx scripts/guard-scan.ts   (reads /work/shared and eval/ when present; prints counts and examples)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { findPersonalData } from '../src/guard/pii.ts';
import { triage } from '../src/guard/triage.ts';
import { matchForm } from '../src/text/normalize.ts';
import { splitParagraphs, splitSentences } from '../src/text/sentences.ts';

const SHARED = process.env.SHARED ?? '/work/shared';
const fold = (s: string) => matchForm(s);

function corpusTexts(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) out.push(...corpusTexts(p));
    else if (p.endsWith('.jsonl')) {
      for (const line of readFileSync(p, 'utf8').split('\n').filter(Boolean)) out.push(JSON.parse(line).content ?? '');
    } else if (/\.(md|txt)$/.test(p) && !p.endsWith('SOURCE_COMMIT.txt')) out.push(readFileSync(p, 'utf8'));
  }
  return out;
}

function questions(file: string): string[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l).question as string);
}

let sentences = 0;
const pii: string[] = [];
for (const text of corpusTexts(join(SHARED, 'corpora'))) {
  for (const p of splitParagraphs(text)) {
    for (const s of splitSentences(text, p.start, p.end)) {
      sentences++;
      const folded = fold(text.slice(s.start, s.end));
      for (const m of findPersonalData(folded)) pii.push(`${m.kind}: ${folded.slice(Math.max(0, m.start - 12), m.end + 12)}`);
    }
  }
}
console.log(`personal data in ${sentences} corpus sentences: ${pii.length}`);
for (const line of pii.slice(0, 20)) console.log(`  ${line}`);

const sets: Record<string, string[]> = {
  'eval/golden.jsonl': questions('eval/golden.jsonl'),
  'eval/citizen (civil code + reports)': [...questions('eval/citizen/civil-code.jsonl'), ...questions('eval/citizen/reports.jsonl')],
  'cmrc2018-trial': questions(join(SHARED, 'eval/cmrc2018-trial/questions.jsonl')),
  'drcd-dev': questions(join(SHARED, 'eval/drcd-dev/questions.jsonl')),
};
for (const [name, qs] of Object.entries(sets)) {
  const counts: Record<string, number> = {};
  const examples: string[] = [];
  let piiQuestions = 0;
  for (const q of qs) {
    const t = triage(fold(q));
    const key = `${t.intent}/${t.handling}`;
    counts[key] = (counts[key] ?? 0) + 1;
    if (t.handling !== 'answer' && examples.length < 8) examples.push(`${key} [${t.cue}] ${q}`);
    if (findPersonalData(fold(q)).length) piiQuestions++;
  }
  console.log(`\n${name}: ${qs.length} questions, with personal data found: ${piiQuestions}`);
  console.log(`  ${JSON.stringify(counts)}`);
  for (const e of examples) console.log(`  ${e}`);
}
