// Sanity measure of the claim check on real text: every corpus sentence cited against its own paragraph must be
// kept; cited against another paragraph of the same document it should almost always be dropped.
// Usage: npx tsx scripts/support-scan.ts   (reads /work/shared/corpora: the seed, 继承编, the last three reports)
import { readFileSync } from 'node:fs';
import { checkClaims } from '../src/guard/support.ts';
import { matchForm } from '../src/text/normalize.ts';
import { splitParagraphs, splitSentences } from '../src/text/sentences.ts';
import { Tokenizer } from '../src/text/tokenize.ts';

const t = new Tokenizer();
const opts = { tokenize: (s: string) => t.tokens(s), fold: matchForm };
const texts = [
  readFileSync('/work/shared/corpora/seed/000_30f1ad1faf6efd17.txt', 'utf8'),
  readFileSync('/work/shared/corpora/civil-code/继承编.md', 'utf8'),
  ...readFileSync('/work/shared/corpora/gov-work-reports/government_work_reports.jsonl', 'utf8')
    .split('\n')
    .filter(Boolean)
    .slice(-3)
    .map((l) => JSON.parse(l).content),
];
let n = 0,
  kept = 0,
  wrongKept = 0,
  m = 0;
const bad: string[] = [];
for (const text of texts) {
  const paras = splitParagraphs(text).map((p) => text.slice(p.start, p.end));
  paras.forEach((para, i) => {
    for (const s of splitSentences(para)) {
      const sent = para.slice(s.start, s.end);
      if (sent.length < 6) continue;
      n++;
      const r = checkClaims(`${sent}[1]`, [para], opts);
      if (r.kept.length === 1) kept++;
      else if (bad.length < 8) bad.push(JSON.stringify(r.dropped.map((d) => [d.reason, d.missing])) + ' ' + sent.slice(0, 60));
      // the same sentence against a different paragraph should mostly be dropped
      const other = paras[(i + 7) % paras.length];
      if (other !== para) {
        m++;
        if (checkClaims(`${sent}[1]`, [other], opts).kept.length) wrongKept++;
      }
    }
  });
}
console.log({ sentences: n, keptAgainstOwnParagraph: kept, againstOtherParagraph: m, wronglyKept: wrongKept });
for (const b of bad) console.log(b);
