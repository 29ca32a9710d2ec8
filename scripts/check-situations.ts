// Review aid for lexicon/situations.tsv (document-side expansion words for Civil Code articles):
//   npx tsx scripts/check-situations.ts [--notes] [civil-code-dir=../shared/corpora/civil-code] [file=lexicon/situations.tsv]
// Fails (exit 1) when an entry names an article the code does not have, names one twice, has fewer than 8 or
// more than 30 words, or repeats a word; lists words already in the article (they are indexed anyway, so they add
// nothing) as notes, not failures. Prints how many articles each book covers.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseNumeral } from '../src/text/numerals.ts';

const [codeDir = '../shared/corpora/civil-code', file = 'lexicon/situations.tsv'] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const MIN_WORDS = 8;
const MAX_WORDS = 30;

// Article number -> its book and its text (up to the next article heading).
const articles = new Map<number, { book: string; text: string }>();
const bookSizes = new Map<string, number>();
for (const name of readdirSync(codeDir).filter((n) => n.endsWith('.md') && !n.startsWith('_'))) {
  const book = name.replace(/\.md$/, '');
  let current: { book: string; text: string } | undefined;
  for (const line of readFileSync(join(codeDir, name), 'utf8').split('\n')) {
    const m = /^第([零〇一二三四五六七八九十百千]+)条\s/.exec(line);
    if (m) {
      const n = parseNumeral(m[1]);
      if (n === undefined) throw new Error(`${name}: cannot read the article number in "${line.slice(0, 20)}"`);
      current = { book, text: '' };
      articles.set(n, current);
      bookSizes.set(book, (bookSizes.get(book) ?? 0) + 1);
    } else if (/^#/.test(line)) current = undefined;
    if (current) current.text += `${line}\n`;
  }
}

const problems: string[] = [];
const notes: string[] = [];
const covered = new Map<string, number>();
const seen = new Set<number>();
let words = 0;
for (const [i, line] of readFileSync(file, 'utf8').split('\n').entries()) {
  if (!line.trim() || line.startsWith('#')) continue;
  const where = `${file}:${i + 1}`;
  const m = /^第(\d+)条\t(.+)$/.exec(line);
  if (!m) {
    problems.push(`${where}: not "第<number>条<TAB>word word ..."`);
    continue;
  }
  const n = Number(m[1]);
  const article = articles.get(n);
  if (!article) {
    problems.push(`${where}: the Civil Code has no article ${n}`);
    continue;
  }
  if (seen.has(n)) problems.push(`${where}: article ${n} has a second entry`);
  seen.add(n);
  const list = m[2].split(' ');
  if (list.some((w) => !w)) problems.push(`${where}: words must be separated by single spaces`);
  if (list.length < MIN_WORDS || list.length > MAX_WORDS) problems.push(`${where}: ${list.length} words (want ${MIN_WORDS}-${MAX_WORDS})`);
  const dupes = list.filter((w, j) => list.indexOf(w) !== j);
  if (dupes.length) problems.push(`${where}: repeated ${dupes.join(', ')}`);
  const inText = list.filter((w) => article.text.includes(w));
  if (inText.length) notes.push(`${where}: already in article ${n}: ${inText.join(' ')}`);
  words += list.length;
  covered.set(article.book, (covered.get(article.book) ?? 0) + 1);
}

console.log(`${articles.size} articles in the code; ${seen.size} covered, ${words} words`);
for (const [book, size] of bookSizes) console.log(`  ${book}: ${covered.get(book) ?? 0} of ${size}`);
if (process.argv.includes('--notes')) for (const n of notes) console.log(`  note ${n}`);
else if (notes.length) console.log(`  ${notes.length} entries repeat words of their article (--notes lists them)`);
for (const p of problems) console.log(`  ${p}`);
process.exit(problems.length ? 1 : 0);
