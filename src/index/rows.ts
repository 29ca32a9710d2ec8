// Raw vectors for the exact search inside a scope (VectorIndex.searchWithin). hnswlib's `getPoint` copies a row
// into a JS array of 1,024 numbers through N-API: about 107 µs a row, 52 % of CLI search time over the shared
// corpora (profile in docs/benchmarks.md). Reading the same float32 row from memory or from the snapshot's
// vectors.f32 and scoring it costs about 3 µs. A loaded snapshot reads the file on demand, a block of consecutive
// rows at a time, so serving keeps no 4 KB a chunk resident for the few scoped questions that need them.
import { closeSync, openSync, readSync } from 'node:fs';

/** Rows read per `readSync`: a scope is a few documents, hence long runs of consecutive rows. 1 MB at 1,024 dims. */
const BLOCK_ROWS = 256;

/** Called once per row, in the order asked: the row's vector is `block[offset .. offset + dim)`. */
export type RowVisitor = (row: number, block: Float32Array, offset: number) => void;

export interface RawRows {
  /** Visit `rows`; throws when they cannot be read (the caller then reads the graph instead). */
  scan(rows: readonly number[], visit: RowVisitor): void;
}

/** Rows of an in-memory matrix (an index built or patched in this process). */
export function memoryRows(vectors: Float32Array, dim: number): RawRows {
  return {
    scan(rows, visit) {
      for (const row of rows) {
        if ((row + 1) * dim > vectors.length) throw new Error(`no row ${row} in ${vectors.length / dim} vectors`);
        visit(row, vectors, row * dim);
      }
    },
  };
}

/**
 * Rows of a snapshot's vectors.f32 (row i at byte i * dim * 4), opened per scan: a snapshot pruned while it is
 * served makes the scan throw, never read another snapshot's rows (snapshot directories are never rewritten).
 */
export function fileRows(path: string, dim: number): RawRows {
  let block: Float32Array | undefined; // reused across scans; a scan is synchronous, so never shared
  return {
    scan(rows, visit) {
      if (!rows.length) return;
      block ??= new Float32Array(BLOCK_ROWS * dim);
      const bytes = new Uint8Array(block.buffer);
      const fd = openSync(path, 'r');
      try {
        for (let i = 0; i < rows.length; ) {
          let n = 1;
          while (i + n < rows.length && n < BLOCK_ROWS && rows[i + n] === rows[i] + n) n++;
          const length = n * dim * 4;
          if (readSync(fd, bytes, 0, length, rows[i] * dim * 4) !== length) throw new Error(`${path} ends before row ${rows[i] + n - 1}`);
          for (let j = 0; j < n; j++) visit(rows[i + j], block, j * dim);
          i += n;
        }
      } finally {
        closeSync(fd);
      }
    },
  };
}
