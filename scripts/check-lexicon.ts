// Review aid for the lexicon data (run before committing lexicon changes):
//   npx tsx scripts/check-lexicon.ts [corpora-dir=../shared/corpora] [operator-file]
// Fails (exit 1) when a target or term does not occur in the corpus, a key is not in matching form
// (Traditional, full width, upper case), an English target is neither a corpus word nor an everyday word, or a typo fix would change any document text (then it is not a typo).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnglish } from '../src/text/english.ts';
import { Lexicon, parseEveryday, parseTerms, SHIPPED_LEXICON_DIR } from '../src/text/lexicon.ts';
import { matchForm } from '../src/text/normalize.ts';
import { corpusText } from './corpus-text.ts';

const [corporaDir = '../shared/corpora', extraFile] = process.argv.slice(2);
const corpus = corpusText(corporaDir);
const problems: string[] = [];
const files = [join(SHIPPED_LEXICON_DIR, 'everyday.tsv'), ...(extraFile ? [extraFile] : [])];
let entries = 0;
for (const file of files) {
  for (const [key, entry] of parseEveryday(readFileSync(file, 'utf8'), file)) {
    entries++;
    if (matchForm(key) !== key) problems.push(`${entry.source}: key "${key}" is not in matching form ("${matchForm(key)}")`);
    for (const t of entry.targets) if (!corpus.includes(t)) problems.push(`${entry.source}: target "${t}" does not occur in the corpus`);
  }
}
const termsFile = join(SHIPPED_LEXICON_DIR, 'terms.txt');
const terms = parseTerms(readFileSync(termsFile, 'utf8'), termsFile);
for (const t of terms) if (!corpus.includes(t)) problems.push(`${termsFile}: term "${t}" does not occur in the corpus`);
const lexicon = Lexicon.load({ extraFile });
// English targets may also be everyday words: the bridge expands them through the lexicon.
const englishFile = join(SHIPPED_LEXICON_DIR, 'english.tsv');
const english = parseEnglish(readFileSync(englishFile, 'utf8'), englishFile);
for (const [key, { targets }] of english)
  for (const t of targets)
    if (!corpus.includes(t) && !lexicon.entry(t)) problems.push(`${englishFile}: "${key}" -> "${t}" is neither in the corpus nor an everyday word`);
for (const line of corpus.split('\n')) {
  const fixed = lexicon.fixTypos(line);
  if (fixed === line) continue;
  let i = 0;
  while (fixed[i] === line[i]) i++;
  problems.push(`typos.tsv would change document text near "${line.slice(Math.max(0, i - 6), i + 6)}": add a guard or drop the fix`);
}
console.log(
  `${entries} everyday entries, ${english.size} English entries, ${terms.length} terms, ${lexicon.userTerms().length} user terms; ${problems.length} problems`,
);
for (const p of problems) console.log(`  ${p}`);
process.exit(problems.length ? 1 : 0);
