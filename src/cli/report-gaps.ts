// `wenzheng report`: the knowledge-gap report from the state store and the live index, written as
// OUT/report.html (one self-contained page) and OUT/report.md. Retention is enforced first.
import { resolve } from 'node:path';
import { writeReport } from '../app/report/run.ts';
import type { Config } from '../config.ts';
import { parse, positiveInt, withPaths } from './args.ts';

export const reportHelp = `wenzheng report [--days N] [--out DIR] [--index DIR]
  The knowledge-gap report: refused and 👎 questions grouped by topic and ranked by distinct users, with the
  closest passages of the live index; questions per day, refusal rate, documents cited, latency; withdrawn
  curated answers. Deletes log rows older than QUESTION_RETENTION_DAYS first. Writes OUT/report.html and
  OUT/report.md (default OUT: results; --days defaults to REPORT_DAYS).`;

export async function runReportCommand(argv: string[], base: Config): Promise<number> {
  const { values } = parse(argv, { days: { type: 'string' }, out: { type: 'string' } });
  if (values.help) return (void console.log(reportHelp), 0);
  const config = withPaths(base, values);
  const days = positiveInt(values.days, '--days') ?? config.loop.reportDays;
  const out = resolve(typeof values.out === 'string' ? values.out : 'results');
  const { data, html } = await writeReport(config, { days, outDir: out });
  const t = data.totals;
  console.log(`${t.questions} questions from ${t.users} users in ${days} days; ${t.refused} refused, ${t.down} 👎; ${data.clusters.length} gap topics`);
  for (const [i, c] of data.clusters.slice(0, 5).entries()) console.log(`  ${i + 1}. ${c.terms.join(' ')} (${c.users} users): ${c.examples[0]}`);
  if (data.stale.length) console.log(`${data.stale.length} curated answer(s) withdrawn: ${data.stale.map((s) => s.file).join(', ')}`);
  if (data.purged) console.log(`retention: ${data.purged} rows older than ${config.loop.retentionDays} days deleted`);
  console.log(`wrote ${html} and report.md`);
  return 0;
}
