// The report as Markdown: the same content as the page, for a repository, a ticket or a chat message.
import { OUTCOMES } from './stats.ts';
import type { ReportData } from './types.ts';

// Table cells and list items hold citizens' words: a pipe or a line break must not break the layout.
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

export function renderMarkdown(d: ReportData): string {
  const t = d.totals;
  const lines = [
    '# 知识缺口报告 Knowledge-gap report',
    '',
    `${d.sinceDay} – ${d.generatedAt.slice(0, 10)} (${d.days} days), snapshot \`${d.snapshot}\`, retention ${d.retentionDays} days (${d.purged} old rows deleted now).`,
    '',
    `Questions ${t.questions} from ${t.users} users: ${OUTCOMES.map((o) => `${o} ${t[o]}`).join(', ')}; ` +
      `refusal rate ${d.refusalRate === undefined ? '–' : `${(d.refusalRate * 100).toFixed(1)}%`}; 👍 ${t.up} 👎 ${t.down}; ` +
      `latency p50 ${d.latency.p50} ms, p90 ${d.latency.p90} ms, p99 ${d.latency.p99} ms.`,
    '',
    '## Unanswered and 👎 questions, by topic',
    '',
  ];
  if (!d.clusters.length) lines.push('None.', '');
  d.clusters.forEach((c, i) => {
    lines.push(`### ${i + 1}. ${c.terms.join(' · ') || '(no shared terms)'}`, '');
    lines.push(`${c.users} users, ${c.refused} refused, ${c.downvoted} 👎, last ${new Date(c.lastAt).toISOString().slice(0, 10)}`, '');
    for (const q of c.examples) lines.push(`- ${cell(q)}`);
    lines.push('');
    if (c.near.length) {
      lines.push('Closest passages:', '');
      for (const p of c.near) lines.push(`> 《${cell(p.title)}》${cell(p.where)}: ${cell(p.text)}`, '');
    } else lines.push('No passage comes close.', '');
  });
  lines.push('## Withdrawn curated answers', '');
  if (!d.stale.length) lines.push('None.', '');
  for (const s of d.stale) lines.push(`- \`${s.file}\` (${cell(s.question)}): ${s.reasons.map(cell).join('; ')}`);
  if (d.stale.length) lines.push('');
  lines.push('## Questions per day', '', '| day | ' + OUTCOMES.join(' | ') + ' |', '| --- |' + OUTCOMES.map(() => ' ---: |').join(''));
  for (const day of d.perDay) lines.push(`| ${day.day} | ${OUTCOMES.map((o) => day.counts[o]).join(' | ')} |`);
  lines.push('', '## Documents cited most', '', '| document | questions |', '| --- | ---: |');
  for (const doc of d.topDocs) lines.push(`| ${cell(doc.title)} | ${doc.n} |`);
  lines.push('');
  return lines.join('\n');
}
