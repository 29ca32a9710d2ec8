// Inline SVG charts for the report page: no script, no external asset, a viewBox so each chart scales to the
// width of a phone. Each chart is an <svg class="chart"> with a <title> for screen readers.
import type { Outcome } from '../../state/types.ts';
import type { DayCounts, LatencySummary } from './types.ts';

export const COLORS: Record<Outcome, string> = { answered: '#2e7d32', refused: '#c62828', 'rate-limited': '#f9a825', error: '#6a1b9a' };
// Drawn at about a phone's width, so on a phone the text is at its nominal size (a wider drawing scaled down
// would shrink 12 px labels to 7 px); wider screens scale it up to the page's max-width.
const W = 380;
const FONT = `font-family="system-ui,'Noto Sans CJK SC','WenQuanYi Micro Hei',sans-serif" font-size="11"`;

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function frame(id: string, title: string, h: number, body: string): string {
  return `<svg class="chart" id="${id}" viewBox="0 0 ${W} ${h}" role="img" aria-labelledby="${id}-t" xmlns="http://www.w3.org/2000/svg" ${FONT}><title id="${id}-t">${esc(title)}</title>${body}</svg>`;
}

const niceMax = (v: number) => {
  if (v <= 5) return Math.max(1, v);
  const p = 10 ** Math.floor(Math.log10(v));
  return Math.ceil(v / p) * p;
};

/** Stacked bars: questions per day, coloured by outcome, with a legend. */
export function perDayChart(days: readonly DayCounts[], outcomes: readonly Outcome[]): string {
  const h = 230;
  const top = 30;
  const bottom = 200;
  const left = 30;
  const max = niceMax(Math.max(0, ...days.map((d) => outcomes.reduce((n, o) => n + d.counts[o], 0))));
  const step = (W - left - 8) / Math.max(1, days.length);
  const bw = Math.max(2, step * 0.8);
  const parts: string[] = [];
  parts.push(`<line x1="${left}" y1="${bottom}" x2="${W - 4}" y2="${bottom}" stroke="#999"/>`);
  parts.push(`<text x="${left - 4}" y="${top + 4}" text-anchor="end">${max}</text><text x="${left - 4}" y="${bottom}" text-anchor="end">0</text>`);
  days.forEach((d, i) => {
    let y = bottom;
    const x = left + i * step + (step - bw) / 2;
    for (const o of outcomes) {
      const hgt = (d.counts[o] / max) * (bottom - top);
      if (hgt <= 0) continue;
      y -= hgt;
      parts.push(
        `<rect class="bar" x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${bw.toFixed(1)}" height="${hgt.toFixed(1)}" fill="${COLORS[o]}"><title>${d.day} ${o}: ${d.counts[o]}</title></rect>`,
      );
    }
  });
  const label = (i: number) => `<text x="${(left + i * step + step / 2).toFixed(1)}" y="${bottom + 16}" text-anchor="middle">${days[i].day.slice(5)}</text>`;
  if (days.length) parts.push(label(0), label(days.length - 1));
  if (days.length > 2) parts.push(label(Math.floor((days.length - 1) / 2)));
  outcomes.forEach((o, i) => {
    const x = 4 + i * 92;
    parts.push(`<rect x="${x}" y="6" width="10" height="10" fill="${COLORS[o]}"/><text x="${x + 13}" y="15">${o}</text>`);
  });
  return frame('chart-per-day', 'Questions per day by outcome', h, parts.join(''));
}

/** Horizontal bars: how many questions cited each document. */
export function topDocsChart(docs: readonly { title: string; n: number }[]): string {
  const row = 26;
  const h = Math.max(1, docs.length) * row + 12;
  const max = Math.max(1, ...docs.map((d) => d.n));
  const left = 170;
  const parts = docs.map((d, i) => {
    const y = 6 + i * row;
    const w = ((W - left - 36) * d.n) / max;
    const title = d.title.length > 14 ? `${d.title.slice(0, 13)}…` : d.title;
    return (
      `<text x="${left - 6}" y="${y + 15}" text-anchor="end">${esc(title)}</text>` +
      `<rect class="bar" x="${left}" y="${y}" width="${Math.max(1, w).toFixed(1)}" height="${row - 8}" fill="#1565c0"><title>${esc(d.title)}: ${d.n}</title></rect>` +
      `<text x="${(left + w + 6).toFixed(1)}" y="${y + 15}">${d.n}</text>`
    );
  });
  if (!docs.length) parts.push(`<text x="${W / 2}" y="22" text-anchor="middle">no citations yet</text>`);
  return frame('chart-top-docs', 'Documents cited most', h, parts.join(''));
}

/** A line of the daily refusal rate (refused / answered + refused); days without questions leave a gap. */
export function refusalChart(days: readonly DayCounts[]): string {
  const h = 180;
  const top = 12;
  const bottom = 150;
  const left = 36;
  const step = (W - left - 12) / Math.max(1, days.length - 1);
  const parts = [
    `<line x1="${left}" y1="${bottom}" x2="${W - 4}" y2="${bottom}" stroke="#999"/>`,
    `<line x1="${left}" y1="${top}" x2="${W - 4}" y2="${top}" stroke="#eee"/>`,
    `<text x="${left - 4}" y="${top + 4}" text-anchor="end">100%</text><text x="${left - 4}" y="${bottom}" text-anchor="end">0%</text>`,
  ];
  let path = '';
  days.forEach((d, i) => {
    const n = d.counts.answered + d.counts.refused;
    if (!n) {
      path += ' ';
      return;
    }
    const x = left + i * step;
    const y = bottom - (d.counts.refused / n) * (bottom - top);
    path += `${path.endsWith(' ') || !path ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`;
    parts.push(
      `<circle class="point" cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="3" fill="${COLORS.refused}"><title>${d.day}: ${Math.round((100 * d.counts.refused) / n)}%</title></circle>`,
    );
  });
  const d = path.trim().replace(/ +/g, ' ').replace(/ M/g, 'M');
  if (d) parts.push(`<path class="line" d="${d}" fill="none" stroke="${COLORS.refused}" stroke-width="2"/>`);
  if (days.length)
    parts.push(
      `<text x="${left}" y="${bottom + 18}">${days[0].day.slice(5)}</text>`,
      `<text x="${W - 4}" y="${bottom + 18}" text-anchor="end">${days.at(-1)!.day.slice(5)}</text>`,
    );
  return frame('chart-refusal', 'Refusal rate per day', h, parts.join(''));
}

/** A histogram of answer latency with the p50/p90 figures. */
export function latencyChart(l: LatencySummary): string {
  const h = 200;
  const top = 12;
  const bottom = 160;
  const left = 26;
  const max = niceMax(Math.max(0, ...l.buckets.map((b) => b.n)));
  const step = (W - left - 8) / l.buckets.length;
  const parts = [
    `<line x1="${left}" y1="${bottom}" x2="${W - 4}" y2="${bottom}" stroke="#999"/>`,
    `<text x="${left - 4}" y="${top + 4}" text-anchor="end">${max}</text>`,
  ];
  let lower = 0;
  l.buckets.forEach((b, i) => {
    const hgt = (b.n / max) * (bottom - top);
    const x = left + i * step + step * 0.1;
    const name = Number.isFinite(b.le) ? `≤${b.le >= 1000 ? `${b.le / 1000}s` : `${b.le}ms`}` : `>${lower >= 1000 ? `${lower / 1000}s` : `${lower}ms`}`;
    parts.push(
      `<rect class="bar" x="${x.toFixed(1)}" y="${(bottom - hgt).toFixed(1)}" width="${(step * 0.8).toFixed(1)}" height="${Math.max(0.5, hgt).toFixed(1)}" fill="#00838f"><title>${name}: ${b.n}</title></rect>`,
    );
    parts.push(`<text x="${(x + step * 0.4).toFixed(1)}" y="${bottom + 16}" text-anchor="middle" font-size="9">${name}</text>`);
    if (Number.isFinite(b.le)) lower = b.le;
  });
  parts.push(`<text x="${left}" y="${bottom + 34}">p50 ${l.p50} ms · p90 ${l.p90} ms · p99 ${l.p99} ms · n ${l.count}</text>`);
  return frame('chart-latency', 'Answer latency', h, parts.join(''));
}
