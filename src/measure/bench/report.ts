// The bench report: for each scale point (copies of the corpus, or distinct text), every figure of ours beside
// each baseline's with the ratio (ours ÷ baseline), then how latency and memory grow from 1x to the largest point.
import { bytes, type Cell, fixed3, markdownTable, ms, ratio } from '../eval/table.ts';
import type { BenchFigures, BenchSystem, CorpusKind } from './jobs.ts';
import type { BenchResult } from './run.ts';

const BASELINES: BenchSystem[] = ['fts5', 'bruteforce', 'langchain'];

interface Figure {
  label: string;
  value: (f: BenchFigures) => number;
  show: (x: number) => string;
}

const FIGURES: Figure[] = [
  { label: 'ingest (chars/s)', value: (f) => f.charsPerSecond, show: (x) => Math.round(x).toLocaleString('en-US') },
  { label: 'index on disk', value: (f) => f.diskBytes, show: bytes },
  { label: 'RSS after build', value: (f) => f.rssBytes, show: bytes },
  { label: 'peak RSS', value: (f) => f.peakRssBytes, show: bytes },
  { label: 'peak RSS after search and ask', value: (f) => f.peakRssServedBytes, show: bytes },
  { label: 'search p50 (ms)', value: (f) => f.search.p50, show: ms },
  { label: 'search p95 (ms)', value: (f) => f.search.p95, show: ms },
  { label: 'ask p50 (ms)', value: (f) => f.ask.p50, show: ms },
  { label: 'ask p95 (ms)', value: (f) => f.ask.p95, show: ms },
  { label: 'golden hit@1', value: (f) => f.hit1, show: fixed3 },
  { label: 'golden hit@5', value: (f) => f.hit5, show: fixed3 },
  { label: 'cold start to first answer (s)', value: (f) => f.coldStartSeconds, show: (x) => x.toFixed(2) },
];

/** One scale point: a scale and what its corpus is made of. */
export interface BenchPoint {
  scale: number;
  kind: CorpusKind;
}

/** The points of a run: copies first, then distinct text, each by scale. */
export function benchPoints(figures: readonly BenchFigures[]): BenchPoint[] {
  const seen = new Map<string, BenchPoint>();
  for (const f of figures) seen.set(`${f.kind ?? 'copies'}:${f.scale}`, { scale: f.scale, kind: f.kind ?? 'copies' });
  return [...seen.values()].sort((a, b) => (a.kind === b.kind ? a.scale - b.scale : a.kind === 'copies' ? -1 : 1));
}

export function pointLabel(p: BenchPoint): string {
  return p.kind === 'distinct' ? `${p.scale}x distinct` : `${p.scale}x`;
}

const at = (figures: readonly BenchFigures[], s: BenchSystem, p: BenchPoint) =>
  figures.find((f) => f.system === s && f.scale === p.scale && (f.kind ?? 'copies') === p.kind);

export function scaleTable(figures: readonly BenchFigures[], point: BenchPoint | number): string {
  const p = typeof point === 'number' ? { scale: point, kind: 'copies' as const } : point;
  const ours = at(figures, 'wenzheng', p);
  const headers = ['figure', 'wenzheng', ...BASELINES.flatMap((b) => [b, `ours ÷ ${b}`])];
  const rows = FIGURES.map((fig) => {
    const cells: Cell[] = [fig.label, ours ? fig.show(fig.value(ours)) : '-'];
    for (const b of BASELINES) {
      const base = at(figures, b, p);
      cells.push(base ? fig.show(fig.value(base)) : '-', ours && base ? ratio(fig.value(ours), fig.value(base)) : '-');
    }
    return cells;
  });
  const sizes = ours ? `${ours.docs} documents, ${ours.chars.toLocaleString('en-US')} characters, ${ours.units} chunks` : '';
  const what =
    p.kind === 'distinct'
      ? `${p.scale}x the shipped corpus in distinct text: the corpus once, the rest recombined sentences`
      : `${p.scale}x the shipped corpus`;
  const refresh = ours?.refreshSeconds
    ? `\n\nNo-change refresh (ours, in process): ${ours.refreshSeconds.toFixed(2)} s, ${(ours.refreshSeconds / ours.ingestSeconds).toFixed(3)} of the full build (${ours.ingestSeconds.toFixed(1)} s).`
    : '';
  return `### ${what} (${sizes})\n\n${markdownTable(headers, rows)}${refresh}`;
}

/** Growth from the smallest to the largest point: how many times slower and bigger each system gets. */
export function growthTable(figures: readonly BenchFigures[]): string {
  const points = benchPoints(figures);
  const lo = points[0];
  const hi = points.reduce((a, b) => (b.scale > a.scale ? b : a), lo);
  const systems: BenchSystem[] = ['wenzheng', ...BASELINES];
  const rows = systems.flatMap((s) => {
    const a = at(figures, s, lo);
    const b = at(figures, s, hi);
    if (!a || !b) return [];
    return [
      [
        s,
        ...points.map((p) => (at(figures, s, p) ? ms(at(figures, s, p)!.search.p50) : '-')),
        ratio(b.search.p50, a.search.p50),
        ...points.map((p) => (at(figures, s, p) ? bytes(at(figures, s, p)!.rssBytes) : '-')),
        ratio(b.rssBytes, a.rssBytes),
      ],
    ];
  });
  const growth = `growth ${pointLabel(hi)}/${pointLabel(lo)}`;
  const headers = ['system', ...points.map((p) => `search p50 ${pointLabel(p)}`), growth, ...points.map((p) => `RSS ${pointLabel(p)}`), growth];
  return markdownTable(headers, rows);
}

export function renderBench(r: BenchResult, command: string, settings: string): string {
  const out = [
    '# Benchmarks',
    '',
    `Produced by \`${command}\` in ${r.seconds.toFixed(0)} s. Settings: ${settings}. Ratios are ours ÷ baseline`,
    '(for throughput and hit@k higher is better; for size, memory and latency lower is better). Each system ran',
    'in its own child process; RSS is read after a garbage collection, and includes the Node runtime (and, for',
    "ours, jieba's dictionary). Latency is over the golden questions; a baseline's ask is its search plus the same",
    'extractive sentence selection. hit@k: a top-k passage from the cited document contains the cited text.',
    'Cold start: a new process, from its start to its exit after one answer over the index on disk (ours: `wenzheng',
    'ask`, which loads and verifies the snapshot and composes the answer; a baseline: loading its index and its top',
    'passages). "Distinct" points hold the corpus once and new documents of recombined sentences, with no copies.',
    '',
    ...benchPoints(r.figures).flatMap((p) => [scaleTable(r.figures, p), '']),
    '### Growth',
    '',
    growthTable(r.figures),
  ];
  if (r.errors.length) out.push('', '### Errors', '', ...r.errors.map((e) => `- ${e}`));
  return out.join('\n') + '\n';
}
