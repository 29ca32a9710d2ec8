// Memory, load time and speed of the TypeScript segmenter against @node-rs/jieba, each in a fresh process:
//   npx tsx scripts/segmenter-measure.ts [corpora-dir=../shared/corpora] [--rounds 3]
// For each (native; ours built from dict.txt; ours read from the built copy tokenize.ts keeps in
// node_modules/.cache): RSS held after loading jieba's dictionary plus ingest's terms (after a GC), the peak RSS while loading,
// the load time, and cutForSearch / tag throughput over the corpora's texts in matching form, in pieces of about
// a chunk's length (as ingest and the engine call it). Rounds alternate the two, so both see the same machine load.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Result {
  impl: string;
  loadMs: number;
  heldMb: number;
  peakMb: number;
  searchCharsPerS: number;
  tagCharsPerS: number;
  chars: number;
}

const args = process.argv.slice(2);
const childIdx = args.indexOf('--child');
const roundsIdx = args.indexOf('--rounds');
const rounds = roundsIdx >= 0 ? Number(args.splice(roundsIdx, 2)[1]) : 3;

if (childIdx >= 0) {
  const impl = args[childIdx + 1];
  const corporaDir = args[childIdx + 2];
  console.log(JSON.stringify(await child(impl, corporaDir)));
} else {
  const corporaDir = args[0] ?? '../shared/corpora';
  const results: Result[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const impl of ['native', 'ours', 'ours-cached']) {
      const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--child', impl, corporaDir], {
        encoding: 'utf8',
      });
      results.push(JSON.parse(out.trim().split('\n').at(-1)!) as Result);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const row = (impl: string) => {
    const rs = results.filter((r) => r.impl === impl);
    return {
      impl,
      loadMs: median(rs.map((r) => r.loadMs)),
      heldMb: median(rs.map((r) => r.heldMb)),
      peakMb: median(rs.map((r) => r.peakMb)),
      searchCharsPerS: median(rs.map((r) => r.searchCharsPerS)),
      tagCharsPerS: median(rs.map((r) => r.tagCharsPerS)),
    };
  };
  const [n, o, c] = [row('native'), row('ours'), row('ours-cached')];
  console.log(`medians of ${rounds} rounds, ${results[0].chars} chars`);
  console.log('impl         load ms  held MB  load peak MB  cutForSearch chars/s  tag chars/s');
  for (const x of [n, o, c]) {
    console.log(
      `${x.impl.padEnd(12)} ${String(Math.round(x.loadMs)).padStart(7)}  ${x.heldMb.toFixed(1).padStart(7)}  ` +
        `${x.peakMb.toFixed(1).padStart(12)}  ${Math.round(x.searchCharsPerS).toLocaleString('en').padStart(20)}  ` +
        `${Math.round(x.tagCharsPerS).toLocaleString('en').padStart(11)}`,
    );
  }
  console.log(
    `ours/native: load ${(o.loadMs / n.loadMs).toFixed(2)}x, held ${(o.heldMb / n.heldMb).toFixed(2)}x, ` +
      `cutForSearch ${(o.searchCharsPerS / n.searchCharsPerS).toFixed(2)}x, tag ${(o.tagCharsPerS / n.tagCharsPerS).toFixed(2)}x; ` +
      `cached: load ${(c.loadMs / n.loadMs).toFixed(2)}x, held ${(c.heldMb / n.heldMb).toFixed(2)}x`,
  );
}

async function child(impl: string, corporaDir: string): Promise<Result> {
  const gc = (globalThis as { gc?: () => void }).gc!;
  const { loadCorpus } = await import('../src/corpus/load.ts');
  const { Lexicon } = await import('../src/text/lexicon.ts');
  const { matchForm } = await import('../src/text/normalize.ts');
  const { extractPolicyTerms } = await import('../src/text/tokenize.ts');
  const { Jieba } = await import('@node-rs/jieba');
  const { Segmenter } = await import('../src/text/segment/segmenter.ts');
  const { cachedDictionary } = await import('../src/text/segment/cache.ts');
  const { docs } = await loadCorpus(corporaDir);
  const terms = [...new Set([...docs.flatMap((d) => extractPolicyTerms(d.text)), ...Lexicon.load().userTerms()])].sort();
  // Pieces of about a chunk's length, cut at sentence ends.
  const pieces: string[] = [];
  for (const d of docs) {
    let piece = '';
    for (const s of matchForm(d.text).split(/(?<=[。！？；\n])/)) {
      piece += s;
      if (piece.length >= 300) {
        pieces.push(piece);
        piece = '';
      }
    }
    if (piece) pieces.push(piece);
  }
  const chars = pieces.reduce((n, p) => n + p.length, 0);
  const path = createRequire(import.meta.url).resolve('@node-rs/jieba/dict.txt');
  const cacheDir = join(dirname(path), '..', '..', '.cache', 'wenzheng');
  const termBytes = Buffer.from(`${terms.map((t) => `${t} 2000 n`).join('\n')}\n`);
  gc();
  gc();
  const before = process.memoryUsage().rss;
  const peakBefore = process.resourceUsage().maxRSS * 1024;
  const t0 = performance.now();
  // Read inside the timing, as tokenize.ts does on each load.
  const seg =
    impl === 'native'
      ? (() => {
          const j = Jieba.withDict(readFileSync(path));
          j.loadDict(termBytes);
          return { search: (t: string) => j.cutForSearch(t, false), tag: (t: string) => j.tag(t, false) };
        })()
      : (() => {
          // ours-cached: as tokenize.ts loads it, from the built copy in node_modules/.cache (built by an earlier run).
          const s = impl === 'ours-cached' ? new Segmenter(cachedDictionary(path, cacheDir)) : Segmenter.withDict(readFileSync(path));
          s.loadDict(termBytes);
          return { search: (t: string) => s.cutForSearch(t), tag: (t: string) => s.tag(t) };
        })();
  const loadMs = performance.now() - t0;
  const peak = process.resourceUsage().maxRSS * 1024;
  gc();
  gc();
  const held = process.memoryUsage().rss - before;
  const timeIt = (f: (t: string) => unknown) => {
    for (const p of pieces) f(p); // warm-up: a whole pass, so that the JIT has compiled the hot loops
    const t = performance.now();
    for (const p of pieces) f(p);
    return chars / ((performance.now() - t) / 1000);
  };
  const searchCharsPerS = timeIt(seg.search);
  const tagCharsPerS = timeIt(seg.tag);
  return {
    impl,
    loadMs,
    heldMb: held / 2 ** 20,
    peakMb: (Math.max(peak, peakBefore) - before) / 2 ** 20,
    searchCharsPerS,
    tagCharsPerS,
    chars,
  };
}
