// Checksums of a snapshot's files, listed in its manifest: a snapshot damaged after it was written (a disk
// error, a truncated copy, a stray edit) is recognised as damaged at start and at refresh, instead of being
// served with wrong answers or taken for "nothing changed".
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, readSync } from 'node:fs';
import { join } from 'node:path';

// Read a block at a time into one reused buffer: hashing a 100 MB graph file no longer holds a 100 MB copy of it
// (the peak memory of a load and of a build's write step), and the hash is the same.
const BLOCK = 1 << 20;
let block: Buffer | undefined;

export function sha256File(path: string): string {
  const hash = createHash('sha256');
  const buf = (block ??= Buffer.allocUnsafe(BLOCK));
  const fd = openSync(path, 'r');
  try {
    for (let n = readSync(fd, buf, 0, BLOCK, null); n > 0; n = readSync(fd, buf, 0, BLOCK, null)) hash.update(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
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
