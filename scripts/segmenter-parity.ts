// Parity of the TypeScript segmenter (src/text/segment/) with @node-rs/jieba, token for token:
//   npx tsx scripts/segmenter-parity.ts [corpora-dir=../shared/corpora] [--synthetic N=5000]
// Runs cutForSearch and tag (HMM off, as tokenize.ts cuts) over every document text of the corpora, raw and in
// matching form, and over N synthetic question-like strings (Chinese, Traditional, Latin, digits, punctuation,
// whitespace, emoji, CJK extension characters, lone surrogates), with jieba's general dictionary alone and with the
// terms ingest adds (the documents' quoted terms and the lexicon's terms, at `term 2000 n`), with the dictionary
// read back from its serialized form (as the cache gives it) and built from dict.txt. Prints each mismatch
// (up to 20) and exits 1 if there is any.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';
import { loadCorpus } from '../src/corpus/load.ts';
import { Lexicon } from '../src/text/lexicon.ts';
import { matchForm } from '../src/text/normalize.ts';
import { Dictionary } from '../src/text/segment/dictionary.ts';
import { Segmenter } from '../src/text/segment/segmenter.ts';
import { extractPolicyTerms } from '../src/text/tokenize.ts';

const args = process.argv.slice(2);
const synIdx = args.indexOf('--synthetic');
const syntheticCount = synIdx >= 0 ? Number(args.splice(synIdx, 2)[1]) : 5000;
const corporaDir = args[0] ?? '../shared/corpora';

const dictBytes = readFileSync(createRequire(import.meta.url).resolve('@node-rs/jieba/dict.txt'));

const { docs } = await loadCorpus(corporaDir);
const terms = [...new Set([...docs.flatMap((d) => extractPolicyTerms(d.text)), ...Lexicon.load().userTerms()])].sort();
const termBytes = Buffer.from(`${terms.map((t) => `${t} 2000 n`).join('\n')}\n`);

// A small seeded generator: the same synthetic strings on every run.
let seed = 12345;
function random(): number {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];

function synthetic(count: number): string[] {
  const corpusChars = [...new Set([...docs.map((d) => d.text).join('')])].filter((c) => /\p{Script=Han}/u.test(c));
  const traditional = [...'們個這說國會學時後經發對點們體實現開關電話經濟醫療養老保險離婚財產繼承買賣'];
  const pools: string[][] = [
    corpusChars,
    traditional,
    [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'],
    [...'0123456789'],
    [...'+#&._%-'],
    [...'，。？！、；：“”‘’《》（）()[]{}<>@$^*=/\\|~`\'",;:!?·…—'],
    [' ', '  ', '\t', '\n', '\r\n', '\r', '\u3000', '\u00a0', '\u2028'],
    ['😀', '👪', '🇨🇳', '𠀀', '𠮷', '𪚥', '𫝀', '𬺰', '𰀀', '丽', '丽', '䶵', '㐀', '﨎', '\ud800', '\udc00'],
    ['一', '哈', '的', '了', '是', '啊'],
  ];
  const templates = ['请问X', 'X是什么', 'X怎么办？', '我想问一下X的规定', 'X和X有什么区别', 'X吗', 'X'];
  const out: string[] = [];
  for (let n = 0; n < count; n++) {
    let body = '';
    const len = 1 + Math.floor(random() * 30);
    for (let i = 0; i < len; i++) {
      const r = random();
      if (r < 0.25 && terms.length) body += pick(terms);
      else if (r < 0.35) {
        // A run of one repeated character or word: ties between equal segmentations.
        const unit = pick([pick(corpusChars), pick(pools[8]), pick(terms) ?? '一']);
        body += unit.repeat(2 + Math.floor(random() * 4));
      } else {
        const pool = pools[random() < 0.5 ? 0 : Math.floor(random() * pools.length)];
        body += pick(pool);
      }
    }
    const text = pick(templates).replaceAll('X', () => body.slice(0, 1 + Math.floor(random() * body.length)));
    out.push(random() < 0.5 ? text : matchForm(text));
  }
  return out;
}

const texts: { name: string; text: string }[] = [];
for (const d of docs) {
  texts.push({ name: `${d.id} (raw)`, text: d.text });
  texts.push({ name: `${d.id} (matching form)`, text: matchForm(d.text) });
}
for (const [i, text] of synthetic(syntheticCount).entries()) texts.push({ name: `synthetic #${i}`, text });

let mismatches = 0;
let compared = 0;
function report(what: string, name: string, text: string, ours: string[], theirs: string[]): void {
  mismatches++;
  if (mismatches > 20) return;
  let i = 0;
  while (i < ours.length && i < theirs.length && ours[i] === theirs[i]) i++;
  const around = (xs: string[]) => JSON.stringify(xs.slice(Math.max(0, i - 3), i + 5));
  console.log(`MISMATCH ${what} in ${name} at token ${i}:\n  ours   ${around(ours)}\n  native ${around(theirs)}`);
  if (text.length < 200) console.log(`  text ${JSON.stringify(text)}`);
}

function compare(label: string, ours: Segmenter, native: Jieba): void {
  for (const { name, text } of texts) {
    const a = ours.cutForSearch(text);
    const b = native.cutForSearch(text, false);
    compared += b.length;
    if (a.length !== b.length || a.some((t, i) => t !== b[i])) report(`${label} cutForSearch`, name, text, a, b);
    const ta = ours.tag(text).map((t) => `${t.word}/${t.tag}`);
    const tb = native.tag(text, false).map((t) => `${t.word}/${t.tag}`);
    compared += tb.length;
    if (ta.length !== tb.length || ta.some((t, i) => t !== tb[i])) report(`${label} tag`, name, text, ta, tb);
  }
}

const t0 = performance.now();
// The general dictionary as tokenize.ts gets it: built, written as bytes (segment/cache.ts) and read back.
const general = new Segmenter(Dictionary.deserialize(Dictionary.from(dictBytes).serialize()));
const nativeGeneral = Jieba.withDict(dictBytes);
compare('general', general, nativeGeneral);
general.loadDict(termBytes);
nativeGeneral.loadDict(termBytes);
compare(`general+${terms.length} terms`, general, nativeGeneral);
// Loading the terms again (frequency overwritten, tags kept) and a fresh instance must agree too.
const reloaded = Segmenter.withDict(dictBytes);
reloaded.loadDict(Buffer.from(`${terms.map((t) => `${t} 7`).join('\n')}\n`));
reloaded.loadDict(termBytes);
const nativeReloaded = Jieba.withDict(dictBytes);
nativeReloaded.loadDict(Buffer.from(`${terms.map((t) => `${t} 7`).join('\n')}\n`));
nativeReloaded.loadDict(termBytes);
compare('reloaded terms', reloaded, nativeReloaded);

const seconds = ((performance.now() - t0) / 1000).toFixed(1);
console.log(
  `${texts.length} texts (${docs.length} documents raw and folded, ${syntheticCount} synthetic), ${terms.length} terms, ` +
    `${compared} native tokens compared in ${seconds} s: ${mismatches} mismatches`,
);
process.exit(mismatches ? 1 : 0);
