// Durable file writes: data reaches the disk (fsync) before a rename makes it visible.
import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export function writeFileDurable(path: string, data: string | Uint8Array): void {
  writePartsDurable(path, [data]);
}

/**
 * `parts` one after the other into `path`, durably: a large file made of pieces (a snapshot's chunks, its index
 * sections) is never held whole in memory, nor joined into one more copy.
 */
export function writePartsDurable(path: string, parts: Iterable<string | Uint8Array>): void {
  const fd = openSync(path, 'w');
  try {
    for (const part of parts) {
      const buf = typeof part === 'string' ? Buffer.from(part, 'utf8') : part;
      let off = 0;
      while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Replace `path` atomically: write a sibling temp file, fsync, rename over, fsync the directory. */
export function replaceFileAtomic(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileDurable(tmp, data);
  renameSync(tmp, path);
  fsyncPath(dirname(path));
}
