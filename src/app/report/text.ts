// The report as a short chat message, for the admin /gaps command: the top gap topics with their askers and
// an example each, the refusal rate and the withdrawn curated answers. Plain text, well under 4096 characters.
import type { ReportData } from './types.ts';

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function renderGapsText(d: ReportData, top = 5): string {
  const t = d.totals;
  const rate = d.refusalRate === undefined ? '–' : `${(d.refusalRate * 100).toFixed(0)}%`;
  const lines = [`近${d.days}天：${t.questions}个问题，${t.users}人；未能回答${t.refused}个（${rate}），👎${t.down}个。`];
  if (!d.clusters.length) lines.push('没有未能回答或 👎 的问题。');
  else lines.push('', `知识缺口（按提问人数）：`);
  d.clusters.slice(0, top).forEach((c, i) => {
    lines.push(`${i + 1}. ${c.terms.slice(0, 3).join('、') || '（无共同词）'} — ${c.users}人`, `   例：${clip(c.examples[0] ?? '', 60)}`);
  });
  if (d.clusters.length > top) lines.push(`……另有${d.clusters.length - top}组，详见 npm run report。`);
  if (d.stale.length) lines.push('', `已撤下的精选答案：${d.stale.map((s) => s.file).join('、')}`);
  return lines.join('\n');
}
