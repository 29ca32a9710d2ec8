// Memory and time of the script converters, opencc-js's Converter ('old') against src/text/script ('new'):
//   node --expose-gc --import tsx scripts/script-measure.ts old|new [corpora-dir=../shared/corpora]
// One process per implementation, so neither sees the other's heap. After importing, after building
// Traditional -> Simplified, then Simplified -> Traditional (as the bot does: the first only for a Traditional
// asker), it collects garbage and prints heap and RSS; then the time to convert every file of the corpora each way.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

type Converter = (s: string) => string;
const [impl = 'new', corporaDir = '../shared/corpora'] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc --import tsx');

function mem(label: string): void {
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  console.log(`${impl} ${label.padEnd(18)} heap ${(m.heapUsed / 2 ** 20).toFixed(1).padStart(6)} MiB  rss ${(m.rss / 2 ** 20).toFixed(1).padStart(6)} MiB`);
}

function files(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? files(path) : [readFileSync(path, 'utf8')];
    });
}

const corpus = files(corporaDir);
mem('start');
let build: { t2s: () => Converter; s2t: () => Converter };
if (impl === 'old') {
  const OpenCC = await import('opencc-js');
  build = { t2s: () => OpenCC.Converter({ from: 'tw', to: 'cn' }), s2t: () => OpenCC.Converter({ from: 'cn', to: 'tw' }) };
} else {
  const { cnToTw, twToCn } = await import('../src/text/script/convert.ts');
  build = { t2s: twToCn, s2t: cnToTw };
}
mem('imported');
const built: Partial<Record<'t2s' | 's2t', Converter>> = {};
for (const dir of ['t2s', 's2t'] as const) {
  const t0 = performance.now();
  built[dir] = build[dir]();
  built[dir]('积极探索'); // opencc-js builds its tries in Converter(); ours too, this only checks it runs
  console.log(`${impl} build ${dir} ${(performance.now() - t0).toFixed(0)} ms`);
  mem(`after ${dir}`);
}
const units = corpus.reduce((n, s) => n + s.length, 0);
for (const dir of ['t2s', 's2t'] as const) {
  const t0 = performance.now();
  for (const s of corpus) built[dir]?.(s);
  console.log(`${impl} convert corpus ${dir} (${units} UTF-16 units) ${(performance.now() - t0).toFixed(0)} ms`);
}
