// The report as one self-contained HTML page: inline CSS and SVG, no script, no external asset, so it can be
// mailed, archived or opened offline, and a phone shows it at its own width. Every text is escaped here; the
// texts were redacted before they reached the report data.

import { OUTCOMES } from './stats.ts';
import { esc, latencyChart, perDayChart, refusalChart, topDocsChart } from './svg.ts';
import type { GapCluster, ReportData } from './types.ts';

const CSS = `
body{font-family:system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;margin:0;padding:12px;color:#222;background:#fafafa;line-height:1.5}
main{max-width:860px;margin:0 auto}
h1{font-size:1.4em;margin:.2em 0}h2{font-size:1.15em;margin:1.4em 0 .4em;border-bottom:1px solid #ddd}
.meta{color:#666;font-size:.9em}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(130px,1fr));gap:8px}
.tile{background:#fff;border:1px solid #e0e0e0;border-radius:6px;padding:8px}.tile b{display:block;font-size:1.4em}
svg.chart{display:block;width:100%;max-width:640px;height:auto;background:#fff;border:1px solid #e0e0e0;border-radius:6px}
.cluster{background:#fff;border:1px solid #e0e0e0;border-radius:6px;padding:8px 10px;margin:8px 0}
.terms span{display:inline-block;background:#e3f2fd;border-radius:4px;padding:0 6px;margin:2px 4px 2px 0}
blockquote{margin:4px 0;padding:4px 8px;border-left:3px solid #90caf9;background:#f5f9ff;font-size:.92em;overflow-wrap:anywhere}
ul{padding-left:1.2em}li{overflow-wrap:anywhere}
.stale{border-color:#ef9a9a}
`;

const pct = (v?: number) => (v === undefined ? '–' : `${(v * 100).toFixed(1)}%`);

function tiles(d: ReportData): string {
  const t = d.totals;
  const items: [string, string][] = [
    ['提问 questions', String(t.questions)],
    ['提问人 users', String(t.users)],
    ['已回答 answered', String(t.answered)],
    ['未能回答 refused', String(t.refused)],
    ['拒答率 refusal rate', pct(d.refusalRate)],
    ['👍 / 👎', `${t.up} / ${t.down}`],
    ['p50 / p90 ms', `${d.latency.p50} / ${d.latency.p90}`],
  ];
  return `<div class="tiles">${items.map(([k, v]) => `<div class="tile">${esc(k)}<b>${esc(v)}</b></div>`).join('')}</div>`;
}

function cluster(c: GapCluster, i: number): string {
  const near = c.near.length
    ? c.near.map((p) => `<blockquote>《${esc(p.title)}》${esc(p.where)}<br>${esc(p.text)}</blockquote>`).join('')
    : '<p class="meta">文件中没有相近的段落 no passage comes close</p>';
  return (
    `<section class="cluster"><div class="terms">${i + 1}. ${c.terms.map((t) => `<span>${esc(t)}</span>`).join('')}</div>` +
    `<div class="meta">${c.users} 人 users · ${c.refused} 未能回答 refused · ${c.downvoted} 👎 · 最近 last ${new Date(c.lastAt).toISOString().slice(0, 10)}</div>` +
    `<ul>${c.examples.map((q) => `<li>${esc(q)}</li>`).join('')}</ul>` +
    `<details><summary>最接近的段落 closest passages (${c.near.length})</summary>${near}</details></section>`
  );
}

export function renderHtml(d: ReportData): string {
  const stale = d.stale.length
    ? d.stale
        .map(
          (s) =>
            `<section class="cluster stale"><b>${esc(s.file)}</b>: ${esc(s.question)}<ul>${s.reasons.map((r) => `<li>${esc(r)}</li>`).join('')}</ul></section>`,
        )
        .join('')
    : '<p class="meta">没有 none</p>';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>问政 知识缺口报告 knowledge-gap report ${esc(d.sinceDay)} – ${esc(d.generatedAt.slice(0, 10))}</title><style>${CSS}</style></head>
<body><main>
<h1>知识缺口报告 Knowledge-gap report</h1>
<p class="meta">${esc(d.sinceDay)} – ${esc(d.generatedAt.slice(0, 10))} (${d.days} days) · snapshot ${esc(d.snapshot)} · retention ${d.retentionDays} days (${d.purged} old rows deleted now)</p>
${tiles(d)}
<h2>未能回答与 👎 的问题 Unanswered and 👎 questions, by topic</h2>
${d.clusters.length ? d.clusters.map(cluster).join('') : '<p class="meta">没有 none</p>'}
<h2>已撤下的精选答案 Withdrawn curated answers</h2>
${stale}
<h2>每日提问 Questions per day</h2>
${perDayChart(d.perDay, OUTCOMES)}
<h2>拒答率 Refusal rate</h2>
${refusalChart(d.perDay)}
<h2>引用最多的文件 Documents cited most</h2>
${topDocsChart(d.topDocs)}
<h2>响应时间 Latency</h2>
${latencyChart(d.latency)}
</main></body></html>
`;
}
