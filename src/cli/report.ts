// The human summary printed after ingest/refresh.
import type { IngestReport } from '../ingest.ts';

export function printReport(r: IngestReport): void {
  const s = (ms: number) => (ms / 1000).toFixed(2) + ' s';
  console.log(
    `indexed ${r.docs} documents, ${r.chunks} chunks, ${r.chars} characters; embedded ${r.embedded} chunks` +
      (r.snapshot ? `; snapshot ${r.snapshot} is live` : ''),
  );
  console.log(
    `time: ${s(r.ms.total)} (load ${s(r.ms.load)}, chunk ${s(r.ms.chunk)}, embed ${s(r.ms.embed)}, index ${s(r.ms.index)}, write ${s(r.ms.write)})`,
  );
  if (r.skipped.length) {
    console.log(`${r.skipped.length} file(s) skipped:`);
    for (const f of r.skipped) console.log(`  ${f.path}: ${f.reason}`);
  }
}
