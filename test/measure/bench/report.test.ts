import { describe, expect, it } from 'vitest';
import { benchChart } from '../../../src/measure/bench/chart.ts';
import type { BenchFigures, BenchSystem, CorpusKind } from '../../../src/measure/bench/jobs.ts';
import { passageHit } from '../../../src/measure/bench/measure.ts';
import { growthTable, scaleTable } from '../../../src/measure/bench/report.ts';

function fig(system: BenchSystem, scale: number, p50: number, rss: number, kind: CorpusKind = 'copies'): BenchFigures {
  const lat = { p50, p95: p50 * 2 };
  return {
    system,
    scale,
    kind,
    docs: 4 * scale,
    units: 160 * scale,
    chars: 32895 * scale,
    ingestSeconds: 1,
    charsPerSecond: 1000,
    diskBytes: 1024 * 1024,
    rssBytes: rss,
    peakRssBytes: rss,
    peakRssServedBytes: rss,
    search: lat,
    ask: lat,
    hit1: 0.8,
    hit5: 0.9,
    coldStartSeconds: system === 'wenzheng' ? 1.5 : 0.5,
    refreshSeconds: system === 'wenzheng' ? 0.05 : 0,
  };
}

const figures = [fig('wenzheng', 1, 1, 200e6), fig('fts5', 1, 0.5, 100e6), fig('wenzheng', 10, 2, 300e6), fig('fts5', 10, 4, 120e6)];

describe('bench tables', () => {
  it('puts each of our figures beside each baseline with ours ÷ baseline', () => {
    const t = scaleTable(figures, 10);
    expect(t).toContain('| figure | wenzheng | fts5 | ours ÷ fts5 | bruteforce | ours ÷ bruteforce |');
    expect(t).toMatch(/\| search p50 \(ms\) \| 2\.00 \| 4\.00 \| 0\.500x \| - \| - \|/);
    expect(t).toContain('40 documents');
  });

  it('shows how latency and memory grow from the smallest to the largest scale', () => {
    const t = growthTable(figures);
    expect(t).toMatch(/\| wenzheng \| 1\.00 \| 2\.00 \| 2\.00x \| .* \| 1\.50x \|/);
    expect(t).toMatch(/\| fts5 \| 0\.50 \| 4\.00 \| 8\.00x \|/);
  });

  it('reports the cold start beside each baseline and our no-change refresh as a share of the build', () => {
    const t = scaleTable(figures, 10);
    expect(t).toMatch(/\| cold start to first answer \(s\) \| 1\.50 \| 0\.50 \| 3\.00x \|/);
    expect(t).toContain('No-change refresh (ours, in process): 0.05 s, 0.050 of the full build');
  });

  it('keeps a distinct-text point apart from the copies at the same scale', () => {
    const withDistinct = [...figures, fig('wenzheng', 10, 3, 310e6, 'distinct'), fig('fts5', 10, 5, 130e6, 'distinct')];
    expect(scaleTable(withDistinct, { scale: 10, kind: 'distinct' })).toMatch(/\| search p50 \(ms\) \| 3\.00 \| 5\.00 \| 0\.600x \|/);
    expect(scaleTable(withDistinct, 10)).toMatch(/\| search p50 \(ms\) \| 2\.00 \| 4\.00 \| 0\.500x \|/);
    expect(growthTable(withDistinct)).toContain('search p50 10x distinct');
  });

  it('draws one line per system in an SVG', () => {
    const svg = benchChart(figures);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<polyline/g)).toHaveLength(4); // two systems, two panels
  });
});

describe('passageHit', () => {
  const cite = [{ doc: '民法典-继承编.md', text: '第一顺序：配偶、子女、父母' }];
  it('accepts the cited text in the cited document or a replica of it', () => {
    expect(passageHit([{ docId: 'r007/民法典-继承编.md', text: '（一）第一顺序：配偶、子女、父母；' }], cite)).toBe(true);
    expect(passageHit([{ docId: 'other.md', text: '第一顺序：配偶、子女、父母' }], cite)).toBe(false);
  });

  it('looks only at the top five passages', () => {
    const miss = { docId: 'x', text: '' };
    expect(passageHit([miss, miss, miss, miss, miss, { docId: '民法典-继承编.md', text: '第一顺序：配偶、子女、父母' }], cite)).toBe(false);
  });
});
