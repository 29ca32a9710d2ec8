// A hand-written SVG chart of the bench: search latency (p50) and resident memory against corpus scale,
// one line per system, log-scaled x axis (1x, 10x, 100x, and a larger distinct-text point when run).
import type { BenchFigures, BenchSystem } from './jobs.ts';

const COLORS: Record<BenchSystem, string> = { wenzheng: '#d62728', fts5: '#1f77b4', bruteforce: '#2ca02c', langchain: '#9467bd' };
const W = 360;
const H = 240;
const PAD = { l: 56, r: 12, t: 28, b: 36 };

interface Panel {
  title: string;
  value: (f: BenchFigures) => number;
  unit: string;
  /** Log-scaled y axis with ticks at powers of ten: latencies span three orders of magnitude. */
  log?: boolean;
}

function panel(figures: readonly BenchFigures[], p: Panel, x0: number): string {
  const scales = [...new Set(figures.map((f) => f.scale))].sort((a, b) => a - b);
  const values = figures.map(p.value).filter((v) => v > 0);
  const max = Math.max(...values, 1e-9) * 1.1;
  const lo = p.log ? 10 ** Math.floor(Math.log10(Math.min(...values, max))) : 0;
  const hi = p.log ? 10 ** Math.ceil(Math.log10(max)) : max;
  const span = Math.log10(scales[scales.length - 1] / scales[0]) || 1;
  const x = (s: number) => x0 + PAD.l + ((W - PAD.l - PAD.r) * Math.log10(s / scales[0])) / span;
  const frac = (v: number) => (p.log ? Math.log10(Math.max(v, lo) / lo) / (Math.log10(hi / lo) || 1) : v / hi);
  const y = (v: number) => PAD.t + (H - PAD.t - PAD.b) * (1 - frac(v));
  const ticks = p.log ? Array.from({ length: Math.round(Math.log10(hi / lo)) + 1 }, (_, i) => lo * 10 ** i) : Array.from({ length: 5 }, (_, i) => (hi / 4) * i);
  const parts = [
    `<text x="${x0 + W / 2}" y="16" text-anchor="middle" font-weight="bold">${p.title}</text>`,
    `<line x1="${x0 + PAD.l}" y1="${H - PAD.b}" x2="${x0 + W - PAD.r}" y2="${H - PAD.b}" stroke="#333"/>`,
    `<line x1="${x0 + PAD.l}" y1="${PAD.t}" x2="${x0 + PAD.l}" y2="${H - PAD.b}" stroke="#333"/>`,
  ];
  for (const s of scales) parts.push(`<text x="${x(s)}" y="${H - PAD.b + 16}" text-anchor="middle">${s}x</text>`);
  for (const v of ticks) {
    parts.push(`<text x="${x0 + PAD.l - 6}" y="${y(v) + 4}" text-anchor="end">${v >= 10 ? v.toFixed(0) : String(Number(v.toPrecision(2)))}</text>`);
    parts.push(`<line x1="${x0 + PAD.l}" y1="${y(v)}" x2="${x0 + W - PAD.r}" y2="${y(v)}" stroke="#ddd"/>`);
  }
  parts.push(`<text x="${x0 + 14}" y="${H / 2}" transform="rotate(-90 ${x0 + 14} ${H / 2})" text-anchor="middle">${p.unit}</text>`);
  for (const system of Object.keys(COLORS) as BenchSystem[]) {
    const pts = figures.filter((f) => f.system === system).sort((a, b) => a.scale - b.scale);
    if (!pts.length) continue;
    const d = pts.map((f) => `${x(f.scale).toFixed(1)},${y(p.value(f)).toFixed(1)}`).join(' ');
    parts.push(`<polyline fill="none" stroke="${COLORS[system]}" stroke-width="2" points="${d}"/>`);
    for (const f of pts) parts.push(`<circle cx="${x(f.scale).toFixed(1)}" cy="${y(p.value(f)).toFixed(1)}" r="3" fill="${COLORS[system]}"/>`);
  }
  return parts.join('\n');
}

/**
 * One line per system over the copies' scales, extended by the distinct-text points beyond the largest of them
 * (a distinct point at a scale the copies also have would make the line double back).
 */
export function benchChart(all: readonly BenchFigures[]): string {
  const copies = all.filter((f) => (f.kind ?? 'copies') === 'copies');
  const top = Math.max(0, ...copies.map((f) => f.scale));
  const figures = [...copies, ...all.filter((f) => f.kind === 'distinct' && f.scale > top)];
  const legend = (Object.keys(COLORS) as BenchSystem[])
    .map((s, i) => `<rect x="${60 + i * 150}" y="${H + 6}" width="12" height="12" fill="${COLORS[s]}"/><text x="${78 + i * 150}" y="${H + 16}">${s}</text>`)
    .join('\n');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W * 2}" height="${H + 28}" font-family="sans-serif" font-size="11">`,
    '<rect width="100%" height="100%" fill="white"/>',
    panel(figures, { title: 'search latency, median (log scale)', value: (f) => f.search.p50, unit: 'ms', log: true }, 0),
    panel(figures, { title: 'resident memory after build', value: (f) => f.rssBytes / 1024 / 1024, unit: 'MB' }, W),
    legend,
    '</svg>',
    '',
  ].join('\n');
}
