// jieba's general dictionary, built once and kept as bytes between processes. Building it from dict.txt takes
// ~0.15-0.2 s at a cold start (parsing 349k lines, measured), which a restarted bot pays before its first answer;
// reading the built trie back takes a few ms. The file is named by the SHA-256 of the dict.txt it was built from
// (and the format), is written whole or not at all (a temporary file renamed), and is checked when read
// (Dictionary.deserialize): a missing, stale or damaged one is rebuilt from dict.txt, and a directory that cannot
// be written only costs the build.
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Dictionary, DictionaryError } from './dictionary.ts';

/** The dictionary of the file `source` (a dict.txt), from its built copy in `dir` if there is a sound one. */
export function cachedDictionary(source: string, dir: string): Dictionary {
  const key = fileHash(source).slice(0, 32);
  const file = join(dir, `jieba-dict-${key}-v${Dictionary.FORMAT}.bin`);
  let bytes: Uint8Array | undefined;
  try {
    bytes = readFileSync(file);
  } catch {
    // Not built yet (or unreadable): built below.
  }
  if (bytes) {
    try {
      return Dictionary.deserialize(bytes);
    } catch (e) {
      if (!(e instanceof DictionaryError)) throw e;
      // Damaged or of another build: rebuilt and replaced below.
    }
  }
  const dict = Dictionary.from(readFileSync(source));
  const temp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(temp, dict.serialize());
    renameSync(temp, file);
  } catch {
    try {
      rmSync(temp, { force: true });
    } catch {
      // Nothing was written.
    }
  }
  return dict;
}

/** SHA-256 of a file, read in small pieces: holding the whole of dict.txt (5 MB) only to name its copy would be
 * a transient as large as what the cache saves. */
function fileHash(path: string): string {
  const hash = createHash('sha256');
  const buf = Buffer.allocUnsafe(1 << 16);
  const fd = openSync(path, 'r');
  try {
    for (let n = readSync(fd, buf); n > 0; n = readSync(fd, buf)) hash.update(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}
