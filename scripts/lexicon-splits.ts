// How the lexicon's jieba user terms change the cutting of the documents (run after editing terms.txt):
//   npx tsx scripts/lexicon-splits.ts [corpora-dir=../shared/corpora]
// Lists document words (5+ occurrences) that lose more than 10% of their search-mode tokens: a user term that
// swallows a word citizens ask for (诉讼时效期间 hiding 诉讼时效) should be removed.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { Lexicon } from '../src/text/lexicon.ts';
import { corpusText } from './corpus-text.ts';

const text = corpusText(process.argv[2] ?? '../shared/corpora');
const base = Jieba.withDict(dict);
const tuned = Jieba.withDict(dict);
tuned.loadDict(
  Buffer.from(
    Lexicon.load()
      .userTerms()
      .map((t) => `${t} 2000 n`)
      .join('\n') + '\n',
  ),
);
const count = (jieba: Jieba) => {
  const c = new Map<string, number>();
  for (const line of text.split('\n')) for (const t of jieba.cutForSearch(line, false)) c.set(t, (c.get(t) ?? 0) + 1);
  return c;
};
const before = count(base);
const after = count(tuned);
const lost = [...before]
  .filter(([w, n]) => n >= 5 && /^\p{Script=Han}{2,}$/u.test(w) && (after.get(w) ?? 0) < n * 0.9)
  .sort((a, b) => b[1] - (after.get(b[0]) ?? 0) - (a[1] - (after.get(a[0]) ?? 0)));
console.log(`${lost.length} document words lose more than 10% of their tokens`);
for (const [w, n] of lost) console.log(`  ${w} ${n} -> ${after.get(w) ?? 0}`);
