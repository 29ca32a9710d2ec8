// Parity of src/text/script/convert.ts with opencc-js's own Converter, string for string:
//   npx tsx scripts/script-parity.ts [corpora-dir=../shared/corpora] [--synthetic N=5000]
// Converts every file of the corpora (the raw text, and each JSONL string field decoded) Traditional -> Simplified
// and Simplified -> Traditional, feeds each Simplified -> Traditional output back to Traditional -> Simplified, and
// does the same for N synthetic strings: CJK from the corpora, the dictionaries' own keys and values (phrases
// next to phrases, so longest matches overlap), characters outside the BMP (𠀀𡃁 and those in the dictionaries),
// lone surrogates, CJK compatibility ideographs, ideographic description sequences, Latin, digits, punctuation.
// Prints counts, each mismatch (up to 20), and exits 1 if there is any.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as OpenCC from 'opencc-js';
import { configs } from 'opencc-js/preset';
import { cnToTw, twToCn } from '../src/text/script/convert.ts';

const args = process.argv.slice(2);
const synIdx = args.indexOf('--synthetic');
const syntheticCount = synIdx >= 0 ? Number(args.splice(synIdx, 2)[1]) : 5000;
const corporaDir = args[0] ?? '../shared/corpora';

const oracle = { t2s: OpenCC.Converter({ from: 'tw', to: 'cn' }), s2t: OpenCC.Converter({ from: 'cn', to: 'tw' }) };
const ours = { t2s: twToCn(), s2t: cnToTw() };

function texts(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      out.push(...texts(path));
      continue;
    }
    const raw = readFileSync(path, 'utf8');
    out.push(raw);
    if (name.endsWith('.jsonl')) {
      for (const line of raw.split('\n')) {
        if (!line.trim()) continue;
        for (const v of Object.values(JSON.parse(line) as Record<string, unknown>)) if (typeof v === 'string') out.push(v);
      }
    }
  }
  return out;
}

let seed = 12345;
function random(): number {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];

function synthetic(count: number, corpus: string[]): string[] {
  const han = [...new Set([...corpus.join('')])].filter((c) => /\p{Script=Han}/u.test(c));
  const dictWords: string[] = [];
  for (const name of ['tw2s', 's2tw']) {
    for (const group of [
      ...(configs[name].conversionChain as string[][]),
      ...((configs[name] as { normalizationChain?: string[][] }).normalizationChain ?? []),
    ]) {
      for (const dict of group) for (const line of dict.split('|')) dictWords.push(...line.split(' '));
    }
  }
  const astral = [...'𠀀𡃁𠮷𩸽𪚥𤆬𣲙𥫗𦬓𧾷'];
  const pieces: (() => string)[] = [
    () => pick(han),
    () => pick(dictWords),
    () => pick(dictWords) + pick(dictWords),
    () => pick(astral),
    () => String.fromCharCode(0xd800 + Math.floor(random() * 0x800)), // a lone surrogate, high or low
    () => String.fromCharCode(0xf900 + Math.floor(random() * 0x200)), // CJK compatibility ideographs
    () => String.fromCharCode(0x2ff0 + Math.floor(random() * 16)), // ideographic description characters
    () => pick([...'abcXYZ019 ,.;:!?()[]-—…，。、；：？！（）《》“”「」\n\t']),
  ];
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    let s = '';
    const n = 1 + Math.floor(random() * 40);
    for (let j = 0; j < n; j++) s += pick(pieces)();
    out.push(s);
  }
  return out;
}

const corpus = texts(corporaDir);
const inputs = { corpus, synthetic: synthetic(syntheticCount, corpus) };
let mismatches = 0;
for (const [set, strings] of Object.entries(inputs)) {
  const counts = { strings: strings.length, t2s: 0, s2t: 0, roundTrip: 0 };
  const check = (dir: 't2s' | 's2t', s: string, what: keyof typeof counts): string => {
    const want = oracle[dir](s);
    const got = ours[dir](s);
    counts[what] += s.length;
    if (got !== want) {
      mismatches++;
      if (mismatches <= 20)
        console.log(
          `MISMATCH ${set} ${what} ${JSON.stringify(s.slice(0, 200))}\n  want ${JSON.stringify(want.slice(0, 200))}\n  got  ${JSON.stringify(got.slice(0, 200))}`,
        );
    }
    return want;
  };
  for (const s of strings) {
    check('t2s', s, 't2s');
    check('t2s', check('s2t', s, 's2t'), 'roundTrip');
  }
  console.log(`${set}: ${counts.strings} strings; UTF-16 units compared: t2s ${counts.t2s}, s2t ${counts.s2t}, s2t output -> t2s ${counts.roundTrip}`);
}
console.log(`mismatches: ${mismatches}`);
process.exitCode = mismatches === 0 ? 0 : 1;
