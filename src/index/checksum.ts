// Checksums of a snapshot's files, listed in its manifest: a snapshot damaged after it was written (a disk
// error, a truncated copy, a stray edit) is recognised as damaged at start and at refresh, instead of being
// served with wrong answers or taken for "nothing changed".
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** sha256 of every file in `dir` except `skip` (the manifest, which carries the list). */
export function checksumFiles(dir: string, skip: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir).sort()) if (f !== skip) out[f] = sha256File(join(dir, f));
  return out;
}

/** What is wrong with `dir` against its listed checksums (empty: nothing). */
export function checksumProblems(dir: string, files: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const [name, sum] of Object.entries(files)) {
    const path = join(dir, name);
    if (!existsSync(path)) problems.push(`${name} is missing`);
    else if (sha256File(path) !== sum) problems.push(`${name} does not match its checksum`);
  }
  return problems;
}
