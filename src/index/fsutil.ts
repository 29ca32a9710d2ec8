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
      if (typeof part === 'string') {
        // Encoded by the write itself, into memory freed when it returns: a Buffer per part was an ArrayBuffer
        // held until the next full collection (all of chunks.jsonl, 12 MB at 100x, still held at a build's end).
        const written = writeSync(fd, part, null, 'utf8');
        // A short write (not seen on regular files) goes on from the first byte not written.
        if (written < Buffer.byteLength(part, 'utf8')) writeAll(fd, Buffer.from(part, 'utf8'), written);
      } else writeAll(fd, part, 0);
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function writeAll(fd: number, buf: Uint8Array, from: number): void {
  for (let off = from; off < buf.length; ) off += writeSync(fd, buf, off, buf.length - off);
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
