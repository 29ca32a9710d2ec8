import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { checksumFiles, checksumProblems, crc32File, crc32Js } from '../../src/index/checksum.ts';

const dir = mkdtempSync(join(tmpdir(), 'wenzheng-checksum-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('snapshot checksums', () => {
  it('lists CRC-32 (the standard IEEE one) of every file but the manifest, across read blocks', () => {
    writeFileSync(join(dir, 'a.txt'), '123456789');
    // 3 MB of varied bytes: the file is read a 1 MB block at a time.
    writeFileSync(join(dir, 'big.bin'), Buffer.from(Array.from({ length: 3 * 1024 * 1024 + 17 }, (_, i) => (i * 31) % 251)));
    writeFileSync(join(dir, 'manifest.json'), '{}');
    const files = checksumFiles(dir, 'manifest.json');
    expect(Object.keys(files)).toEqual(['a.txt', 'big.bin']);
    expect(files['a.txt']).toBe('crc32:cbf43926'); // the CRC-32 check value of "123456789"
    expect(crc32File(join(dir, 'big.bin'))).toBe(files['big.bin']);
    expect(checksumProblems(dir, files)).toEqual([]);
  });

  it('finds a changed byte, a missing file, and checks a snapshot that lists sha256 with sha256', () => {
    const files = checksumFiles(dir, 'manifest.json');
    const old = { 'a.txt': createHash('sha256').update('123456789').digest('hex') };
    expect(checksumProblems(dir, old)).toEqual([]);
    writeFileSync(join(dir, 'a.txt'), '123456780');
    expect(checksumProblems(dir, old)).toEqual(['a.txt does not match its checksum']);
    expect(checksumProblems(dir, { ...files, 'gone.bin': 'crc32:00000000' })).toEqual(['a.txt does not match its checksum', 'gone.bin is missing']);
  });

  it('computes the same CRC-32 in JS (Node before 20.15) as zlib, also when continued block by block', () => {
    const bytes = Buffer.from(Array.from({ length: 100_003 }, (_, i) => (i * 7919) % 256));
    expect(crc32Js(Buffer.from('123456789'))).toBe(0xcbf43926);
    const whole = crc32Js(bytes);
    expect(crc32Js(bytes.subarray(50_000), crc32Js(bytes.subarray(0, 50_000)))).toBe(whole);
    const native = (zlib as { crc32?: (d: Uint8Array) => number }).crc32;
    if (native) expect(native(bytes)).toBe(whole);
  });
});
