// Counts sentences of the shared corpora that the planted-instruction rules flag (expected: none), and prints
// them. Usage: npx tsx scripts/planted-scan.ts [corpora dir]  (default /work/shared/corpora)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { plantedCue } from '../src/guard/planted.ts';
import { matchForm } from '../src/text/normalize.ts';
import { splitParagraphs, splitSentences } from '../src/text/sentences.ts';

const root = process.argv[2] ?? '/work/shared/corpora';
const texts: { name: string; text: string }[] = [];
function walk(dir: string): void {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) walk(p);
    else if (p.endsWith('.jsonl')) {
      readFileSync(p, 'utf8')
        .split('\n')
        .filter(Boolean)
        .forEach((line, i) => {
          texts.push({ name: `${p}#${i + 1}`, text: (JSON.parse(line).content ?? JSON.parse(line).text ?? '') as string });
        });
    } else if (/\.(md|txt)$/.test(p) && !p.endsWith('SOURCE_COMMIT.txt')) texts.push({ name: p, text: readFileSync(p, 'utf8') });
  }
}
walk(root);
let sentences = 0;
let flagged = 0;
for (const { name, text } of texts) {
  for (const para of splitParagraphs(text)) {
    for (const s of splitSentences(text, para.start, para.end)) {
      sentences++;
      const sentence = text.slice(s.start, s.end);
      const cue = plantedCue(matchForm(sentence));
      if (cue) {
        flagged++;
        console.log(`${name}: [${cue}] ${sentence.slice(0, 120)}`);
      }
    }
  }
}
console.log(`${texts.length} documents, ${sentences} sentences, ${flagged} flagged`);
