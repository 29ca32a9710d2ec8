// Does the citizen vocabulary bring a question closer to its evidence? For each dev-set question that expects
// an answer, count whether any of the question's content words (length 2+) is found near the cited text (±200 characters of the folded
// document) without and with the lexicon (typo fixes, everyday expansion, English bridge, curated entries only).
//   npx tsx scripts/lexicon-reach.ts [corpora-dir=../shared/corpora] [eval/citizen/*.jsonl ...]
// A measurement, not a test: read it by class (style), never tune entries to single questions.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EnglishBridge } from '../src/text/english.ts';
import { Lexicon } from '../src/text/lexicon.ts';
import { matchForm } from '../src/text/normalize.ts';
import { Tokenizer } from '../src/text/tokenize.ts';

interface Item {
  id: string;
  style: string;
  question: string;
  expect: string;
  year?: number;
  cite?: { doc: string; text: string; year?: number }[];
}

const [corpora = '../shared/corpora', ...sets] = process.argv.slice(2);
const files = sets.length ? sets : ['eval/citizen/civil-code.jsonl', 'eval/citizen/reports.jsonl'];
const lexicon = Lexicon.load();
const bridge = new EnglishBridge({ lexicon });
const plain = new Tokenizer();
const tuned = new Tokenizer(lexicon.userTerms());
const docs = new Map<string, string>();
const docText = (doc: string, year?: number): string => {
  const key = `${doc}#${year ?? ''}`;
  if (!docs.has(key)) {
    const raw = readFileSync(join(corpora, doc), 'utf8');
    const text = doc.endsWith('.jsonl')
      ? raw
          .split('\n')
          .filter((l) => l.trim())
          .map((l) => JSON.parse(l) as { content: string; year?: number })
          .filter((r) => year === undefined || r.year === year)
          .map((r) => r.content)
          .join('\n')
      : raw;
    docs.set(key, matchForm(text));
  }
  return docs.get(key) as string;
};

const byStyle = new Map<string, { n: number; before: number; after: number; gained: number; added: number }>();
for (const file of files) {
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const item = JSON.parse(line) as Item;
    const cite = item.cite?.[0];
    if (item.expect !== 'answer' || !cite) continue;
    const text = docText(cite.doc, cite.year ?? item.year);
    const at = text.indexOf(matchForm(cite.text));
    if (at < 0) continue;
    const window = text.slice(Math.max(0, at - 200), at + cite.text.length + 200);
    const q = matchForm(item.question);
    const before = new Set(plain.tokensOfMatchForm(q).filter((t) => t.length > 1 && window.includes(t)));
    const fixed = lexicon.fixTypos(q);
    const tokens = tuned.tokensOfMatchForm(fixed);
    const extra = [...lexicon.expand([...tokens, ...lexicon.phrasesIn(fixed)]), ...bridge.terms(item.question)].map((e) => e.term);
    const after = new Set([...tokens, ...extra].filter((t) => t.length > 1 && window.includes(t)));
    const s = byStyle.get(item.style) ?? { n: 0, before: 0, after: 0, gained: 0, added: 0 };
    s.added += new Set(extra).size;
    s.n++;
    s.before += before.size > 0 ? 1 : 0;
    s.after += after.size > 0 ? 1 : 0;
    s.gained += extra.some((t) => window.includes(t) && !before.has(t)) ? 1 : 0;
    byStyle.set(item.style, s);
  }
}
console.log('style               questions  reach-before  reach-after  lexicon-adds-evidence-word  terms-added/question');
const total = { n: 0, before: 0, after: 0, gained: 0, added: 0 };
for (const [style, s] of [...byStyle].sort()) {
  console.log(
    `${style.padEnd(20)}${String(s.n).padStart(9)}${String(s.before).padStart(14)}${String(s.after).padStart(13)}${String(s.gained).padStart(28)}${(s.added / s.n).toFixed(1).padStart(22)}`,
  );
  for (const k of ['n', 'before', 'after', 'gained', 'added'] as const) total[k] += s[k];
}
console.log(
  `${'all'.padEnd(20)}${String(total.n).padStart(9)}${String(total.before).padStart(14)}${String(total.after).padStart(13)}${String(total.gained).padStart(28)}${(total.added / total.n).toFixed(1).padStart(22)}`,
);
