// The human summaries printed by ingest and refresh: the plan, the outcome, the skipped files, the exit code.

import type { IngestReport } from '../app/ingest.ts';
import { ConfigError } from '../errors.ts';

/** Exit code of an ingest/refresh that ran: 2 says something was skipped (the rest is indexed). */
export function exitCodeOf(r: IngestReport): number {
  return r.skipped.length ? 2 : 0;
}

/** `--wait SECONDS` -> milliseconds; 60 s by default. */
export function lockWaitMs(value: unknown): number {
  if (value === undefined) return 60_000;
  const s = Number(value);
  if (!Number.isFinite(s) || s < 0) throw new ConfigError(`--wait must be a number of seconds, got ${String(value)}`);
  return s * 1000;
}

export function printPlan(r: Pick<IngestReport, 'plan' | 'skipped' | 'ignored' | 'planted' | 'fullReason'>): void {
  const p = r.plan;
  console.log(
    `plan: ${p.added.length} added, ${p.changed.length} changed, ${p.removed.length} removed, ${p.unchanged.length} unchanged` +
      (p.kept.length ? `, ${p.kept.length} kept` : ''),
  );
  for (const id of p.added) console.log(`  + added    ${id}`);
  for (const id of p.changed) console.log(`  ~ changed  ${id}`);
  for (const id of p.removed) console.log(`  - removed  ${id}`);
  for (const id of p.kept) console.log(`  ! kept     ${id} (its file cannot be read now; the indexed version stays)`);
  if (r.fullReason) console.log(`every document is embedded again: ${r.fullReason}`);
  printSkipped(r);
}

function printSkipped(r: Pick<IngestReport, 'skipped' | 'ignored'>): void {
  if (r.skipped.length) {
    console.log(`${r.skipped.length} file(s) or part(s) skipped:`);
    for (const f of r.skipped) console.log(`  SKIPPED ${f.path}${f.part ? ` (${f.part})` : ''}: ${f.reason}`);
  }
  if (r.ignored.length) console.log(`not documents, ignored: ${r.ignored.join(', ')}`);
}

export function printReport(r: IngestReport, opts: { skipped?: boolean } = {}): void {
  const s = (ms: number) => (ms / 1000).toFixed(2) + ' s';
  if (r.upToDate) {
    console.log(`nothing changed: snapshot ${r.snapshot} stays live (${r.docs} documents, ${r.chunks} chunks); embedded 0 chunks`);
  } else {
    console.log(
      `indexed ${r.docs} documents, ${r.chunks} chunks, ${r.chars} characters; embedded ${r.embedded} chunks` +
        (r.snapshot ? `; snapshot ${r.snapshot} is live` : ''),
    );
  }
  if (r.unread) console.log(`${r.unread} file(s) not read: same size and modification time as when indexed (\`refresh --reread\` reads them all)`);
  console.log(`time: ${s(r.ms.total)} (load ${s(r.ms.load)}, chunk ${s(r.ms.chunk)}, embed ${s(r.ms.embed)}, index ${s(r.ms.index)}, write ${s(r.ms.write)})`);
  if (opts.skipped) printSkipped(r);
  printPlanted(r);
}

/** Sentences addressed to an assistant: the operator should know, and may want to fix the source document. */
function printPlanted(r: Pick<IngestReport, 'planted'>): void {
  if (!r.planted.length) return;
  console.log(`${r.planted.length} sentence(s) read like instructions to an assistant; left out of the index (never quoted or sent to a model):`);
  for (const p of r.planted) console.log(`  PLANTED ${p.doc}: "${p.sentence}" (cue: ${p.cue})`);
}

/** Said when another writer holds the index lock and this command waits for it. */
export function sayWaitingForLock(pid: number): void {
  console.error(`another ingest/refresh (pid ${pid}) is writing the index; waiting for it`);
}
