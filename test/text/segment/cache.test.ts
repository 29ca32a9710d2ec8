import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cachedDictionary } from '../../../src/text/segment/cache.ts';
import { Dictionary, DictionaryError } from '../../../src/text/segment/dictionary.ts';
import { Segmenter } from '../../../src/text/segment/segmenter.ts';

const SOURCE = Buffer.from('甲乙 30 a\n乙丙 50 b\n甲 10 c\n乙 10 c\n丙 10 c\n𠮷野 5 n\n');
const OTHER = Buffer.from('甲乙丙 9 z\n');
const sourceDir = mkdtempSync(join(tmpdir(), 'segsource-'));
const SOURCE_FILE = join(sourceDir, 'dict.txt');
const OTHER_FILE = join(sourceDir, 'other.txt');
writeFileSync(SOURCE_FILE, SOURCE);
writeFileSync(OTHER_FILE, OTHER);
afterAll(() => rmSync(sourceDir, { recursive: true, force: true }));
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'segcache-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const cuts = (dict: Dictionary) => new Segmenter(dict).tag('甲乙丙𠮷野家');

describe('Dictionary.serialize', () => {
  it('reads back the same dictionary, and takes terms on top as one built from text', () => {
    const built = Dictionary.from(SOURCE);
    const read = Dictionary.deserialize(built.serialize());
    expect(cuts(read)).toEqual(cuts(built));
    expect(read.total).toBe(built.total);
    built.load(OTHER);
    read.load(OTHER);
    expect(cuts(read)).toEqual(cuts(built));
    expect(cuts(read)[0]).toEqual({ word: '甲乙丙', tag: 'z' });
  });

  it('takes terms into the room it was read with, without a second copy of its trie', () => {
    const read = Dictionary.deserialize(Dictionary.from(SOURCE).serialize());
    const held = read.byteLength;
    read.load(Buffer.from(Array.from({ length: 300 }, (_, i) => `丁${String.fromCharCode(0x4e00 + i)}戊 30 n`).join('\n')));
    expect(read.byteLength).toBe(held);
    expect(read.frequency('丁一戊')).toBe(30);
  });

  it('refuses bytes that are cut short, of another format, or inconsistent', () => {
    const bytes = Dictionary.from(SOURCE).serialize();
    expect(() => Dictionary.deserialize(bytes.slice(0, bytes.length - 8))).toThrow(DictionaryError);
    const format = bytes.slice();
    format[4] = 99;
    expect(() => Dictionary.deserialize(format)).toThrow(/magic or format/);
    const total = bytes.slice();
    new DataView(total.buffer).setFloat64(24, 1, true);
    expect(() => Dictionary.deserialize(total)).toThrow(/total/);
  });
});

describe('cachedDictionary', () => {
  it('builds the dictionary once into the directory, then reads it from there', () => {
    const dir = tempDir();
    const first = cachedDictionary(SOURCE_FILE, dir);
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    // The file is what the next call reads: put another dictionary in its place.
    writeFileSync(join(dir, files[0]), Dictionary.from(OTHER).serialize());
    expect(cuts(cachedDictionary(SOURCE_FILE, dir))[0].word).toBe('甲乙丙');
    expect(cuts(first)).toEqual(cuts(Dictionary.from(SOURCE)));
  });

  it('rebuilds a damaged file, and names files by their source', () => {
    const dir = tempDir();
    cachedDictionary(SOURCE_FILE, dir);
    const [file] = readdirSync(dir);
    writeFileSync(join(dir, file), 'not a dictionary');
    expect(cuts(cachedDictionary(SOURCE_FILE, dir))).toEqual(cuts(Dictionary.from(SOURCE)));
    expect(Dictionary.deserialize(readFileSync(join(dir, file))).total).toBe(Dictionary.from(SOURCE).total);
    cachedDictionary(OTHER_FILE, dir);
    expect(readdirSync(dir)).toHaveLength(2);
  });

  it('still gives the dictionary when the directory cannot be written', () => {
    const dir = tempDir();
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, '');
    expect(cuts(cachedDictionary(SOURCE_FILE, join(blocker, 'cache')))).toEqual(cuts(Dictionary.from(SOURCE)));
    expect(readdirSync(dir)).toEqual(['a-file']);
  });
});
