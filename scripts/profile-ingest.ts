// Where a bench-like ingest spends its time and memory: runs the bench child's `wenzheng` build (ingest, then
// load the snapshot and make the engine, as src/measure/bench/jobs.ts does) and prints, at every stage, the
// elapsed time, RSS, heap and external memory. Run with --expose-gc to read memory after collections too.
//   node --expose-gc --import tsx scripts/profile-ingest.ts CORPUS_DIR INDEX_DIR
import { rmSync } from 'node:fs';
import { getHeapSpaceStatistics } from 'node:v8';

const t0 = performance.now();
// CPU time of the process: on a shared machine, wall time says more about the neighbours than about the build.
const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const cpu0 = cpuSeconds();
const mb = (n: number) => (n / 2 ** 20).toFixed(1);
const mark = (label: string) => {
  const m = process.memoryUsage();
  const peak = process.resourceUsage().maxRSS * 1024;
  console.error(
    `${((performance.now() - t0) / 1000).toFixed(3).padStart(7)} s  cpu ${(cpuSeconds() - cpu0).toFixed(3)} s  rss ${mb(m.rss).padStart(6)}  peak ${mb(peak).padStart(6)}  heap ${mb(m.heapUsed).padStart(6)}  ext ${mb(m.external + m.arrayBuffers).padStart(6)}  heapTotal ${mb(m.heapTotal).padStart(6)}  new ${mb(getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')!.space_size).padStart(5)}  ${label}`,
  );
};
mark('start (node + tsx)');
const { loadConfig } = await import('../src/config.ts');
mark('import config');
if (process.argv.includes('--bench-imports')) {
  await import('../src/measure/bench/jobs.ts');
  mark('import the bench child (every system)');
}
const { ingest } = await import('../src/app/ingest.ts');
mark('import app/ingest');
const [corpusDir, indexDir] = process.argv.slice(2);
rmSync(indexDir, { recursive: true, force: true });
const config = loadConfig(process.env);
let last = '';
const tIngest = performance.now();
const report = await ingest(config, {
  corpusDir,
  indexDir,
  mode: 'full',
  onProgress: (p) => {
    const key = p.stage === 'load' ? 'load' : `${p.stage}${p.done === p.total ? ' done' : ''}`;
    if (key !== last && (p.done === 0 || p.done === p.total)) mark(`${p.stage} ${p.done}/${p.total}`);
    last = key;
  },
});
const ingestSeconds = (performance.now() - tIngest) / 1000;
mark(`ingest done: ${report.chars} chars, ${report.chunks} chunks, ${ingestSeconds.toFixed(3)} s, ${JSON.stringify(report.ms)}`);
if (process.argv.includes('--serve')) {
  const { createEmbeddingProvider } = await import('../src/index/embeddings/create.ts');
  const { loadSnapshot } = await import('../src/index/snapshot.ts');
  const { createEngine } = await import('../src/app/engine.ts');
  const provider = createEmbeddingProvider(config.embeddings);
  const snap = loadSnapshot(indexDir, provider.info);
  mark('snapshot loaded');
  const engine = createEngine(snap, config, provider);
  mark(`engine made (${engine.chunks.length} chunks); build ${((performance.now() - tIngest) / 1000).toFixed(3)} s`);
}
const gc = (globalThis as { gc?: () => void }).gc;
for (let i = 0; i < 2; i++) {
  gc?.();
  await new Promise((r) => setTimeout(r, 50));
}
mark('after gc');
