// Checksums of a snapshot's files, listed in its manifest: a snapshot damaged after it was written (a disk
// error, a truncated copy, a stray edit) is recognised as damaged at start and at refresh, instead of being
// served with wrong answers or taken for "nothing changed".
//
// New snapshots list CRC-32 ("crc32:" and 8 hex digits). The checks guard against accidents, not an attacker (who
// could rewrite the manifest too), and CRC-32 finds every error burst up to 32 bits and any other damage but for
// one chance in 4 billion; it is 2 to 4 times faster than sha256 here, and every start checks every byte of the
// snapshot: at 1,000x the corpus (1.5 GB) sha256 alone was ~2.7 s of a 4.3 s cold start. Snapshots written before
// list sha256 (64 hex digits) and are checked with it.
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, readSync } from 'node:fs';
import { join } from 'node:path';
import * as zlib from 'node:zlib';

// Read a block at a time into one reused buffer: checking a 100 MB graph file does not hold a 100 MB copy of it
// (the peak memory of a load and of a build's write step).
const BLOCK = 1 << 20;
let block: Buffer | undefined;

function eachBlock(path: string, use: (bytes: Buffer) => void): void {
  const buf = (block ??= Buffer.allocUnsafe(BLOCK));
  const fd = openSync(path, 'r');
  try {
    for (let n = readSync(fd, buf, 0, BLOCK, null); n > 0; n = readSync(fd, buf, 0, BLOCK, null)) use(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
}

export function sha256File(path: string): string {
  const hash = createHash('sha256');
  eachBlock(path, (bytes) => hash.update(bytes));
  return hash.digest('hex');
}

// zlib.crc32 is native (Node 20.15 and later); on older Node the same CRC-32 (IEEE, as zip and PNG use) in JS.
const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
let table: Uint32Array | undefined;
/** CRC-32 in JS, for Node before 20.15 (exported for its test). */
export function crc32Js(data: Uint8Array, value = 0): number {
  table ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let c = ~value >>> 0;
  for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}
const crc32 = nativeCrc32 ?? crc32Js;

export function crc32File(path: string): string {
  let value = 0;
  eachBlock(path, (bytes) => {
    value = crc32(bytes, value);
  });
  return `crc32:${value.toString(16).padStart(8, '0')}`;
}

/** The file's checksum in the form `listed` has (sha256 for snapshots written before CRC-32 was used). */
function checksumLike(path: string, listed: string): string {
  return listed.startsWith('crc32:') ? crc32File(path) : sha256File(path);
}

/** The checksum of every file in `dir` except `skip` (the manifest, which carries the list). */
export function checksumFiles(dir: string, skip: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir).sort()) if (f !== skip) out[f] = crc32File(join(dir, f));
  return out;
}

/** What is wrong with `dir` against its listed checksums (empty: nothing). */
export function checksumProblems(dir: string, files: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const [name, sum] of Object.entries(files)) {
    const path = join(dir, name);
    if (!existsSync(path)) problems.push(`${name} is missing`);
    else if (checksumLike(path, sum) !== sum) problems.push(`${name} does not match its checksum`);
  }
  return problems;
}
