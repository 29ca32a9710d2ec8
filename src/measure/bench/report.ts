// The bench report: for each scale, every figure of ours beside each baseline's with the ratio (ours ÷
// baseline), then how latency and memory grow from 1x to the largest scale.
import { bytes, type Cell, fixed3, markdownTable, ms, ratio } from '../eval/table.ts';
import type { BenchFigures, BenchSystem } from './jobs.ts';
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
  { label: 'search p50 (ms)', value: (f) => f.search.p50, show: ms },
  { label: 'search p95 (ms)', value: (f) => f.search.p95, show: ms },
  { label: 'ask p50 (ms)', value: (f) => f.ask.p50, show: ms },
  { label: 'ask p95 (ms)', value: (f) => f.ask.p95, show: ms },
  { label: 'golden hit@1', value: (f) => f.hit1, show: fixed3 },
  { label: 'golden hit@5', value: (f) => f.hit5, show: fixed3 },
];

export function scaleTable(figures: readonly BenchFigures[], scale: number): string {
  const at = (s: BenchSystem) => figures.find((f) => f.system === s && f.scale === scale);
  const ours = at('wenzheng');
  const headers = ['figure', 'wenzheng', ...BASELINES.flatMap((b) => [b, `ours ÷ ${b}`])];
  const rows = FIGURES.map((fig) => {
    const cells: Cell[] = [fig.label, ours ? fig.show(fig.value(ours)) : '-'];
    for (const b of BASELINES) {
      const base = at(b);
      cells.push(base ? fig.show(fig.value(base)) : '-', ours && base ? ratio(fig.value(ours), fig.value(base)) : '-');
    }
    return cells;
  });
  const sizes = ours ? `${ours.docs} documents, ${ours.chars.toLocaleString('en-US')} characters, ${ours.units} chunks` : '';
  return `### ${scale}x the shipped corpus (${sizes})\n\n${markdownTable(headers, rows)}`;
}

/** Growth from the smallest to the largest scale: how many times slower and bigger each system gets. */
export function growthTable(figures: readonly BenchFigures[]): string {
  const scales = [...new Set(figures.map((f) => f.scale))].sort((a, b) => a - b);
  const lo = scales[0];
  const hi = scales[scales.length - 1];
  const systems: BenchSystem[] = ['wenzheng', ...BASELINES];
  const rows = systems.flatMap((s) => {
    const get = (scale: number) => figures.find((f) => f.system === s && f.scale === scale);
    const a = get(lo);
    const b = get(hi);
    if (!a || !b) return [];
    return [
      [
        s,
        ...scales.map((sc) => (get(sc) ? ms(get(sc)!.search.p50) : '-')),
        ratio(b.search.p50, a.search.p50),
        ...scales.map((sc) => (get(sc) ? bytes(get(sc)!.rssBytes) : '-')),
        ratio(b.rssBytes, a.rssBytes),
      ],
    ];
  });
  const headers = ['system', ...scales.map((s) => `search p50 ${s}x`), `growth ${hi}x/${lo}x`, ...scales.map((s) => `RSS ${s}x`), `growth ${hi}x/${lo}x`];
  return markdownTable(headers, rows);
}

export function renderBench(r: BenchResult, command: string, settings: string): string {
  const scales = [...new Set(r.figures.map((f) => f.scale))].sort((a, b) => a - b);
  const out = [
    '# Benchmarks',
    '',
    `Produced by \`${command}\` in ${r.seconds.toFixed(0)} s. Settings: ${settings}. Ratios are ours ÷ baseline`,
    '(for throughput and hit@k higher is better; for size, memory and latency lower is better). Each system ran',
    'in its own child process; RSS is read after a garbage collection, and includes the Node runtime (and, for',
    "ours, jieba's dictionary). Latency is over the golden questions; a baseline's ask is its search plus the same",
    'extractive sentence selection. hit@k: a top-k passage from the cited document contains the cited text.',
    '',
    ...scales.flatMap((s) => [scaleTable(r.figures, s), '']),
    '### Growth',
    '',
    growthTable(r.figures),
  ];
  if (r.errors.length) out.push('', '### Errors', '', ...r.errors.map((e) => `- ${e}`));
  return out.join('\n') + '\n';
}
