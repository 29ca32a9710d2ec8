// Citizen vocabulary: everyday words -> document words, typo fixes and jieba user terms, read from the data
// files in lexicon/ (shipped, reviewed) plus an optional operator file. Pure after loading: every lookup is a
// Map get, and the text scans are leftmost-longest over the folded question, so nothing here depends on jieba.
// Input text must already be in matching form (Simplified, half width, lower case; see normalize.ts matchForm).

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WenzhengError } from '../errors.ts';
import { escapeRegExp } from './regex.ts';

/** A lexicon data file has a line that cannot be read. The message names file:line and what to fix. */
export class LexiconFileError extends WenzhengError {
  override name = 'LexiconFileError';
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}:${line}: ${reason}`, options);
  }
}

/** One document word an everyday word stands for. */
export interface Expansion {
  /** The document word to search for in addition to the question's own words. */
  term: string;
  /** How much it counts against a word the citizen actually wrote (0 < weight < 1). */
  weight: number;
  /** The everyday word (token or phrase) it came from, for explanations and debugging. */
  from: string;
  /**
   * Other words of the same question that reach this document word (弟 and 哥 both reach 兄弟姐妹): each keeps
   * it as an alternative, or the second would look like a word no document uses and the lexicon cannot map.
   */
  also?: string[];
}

export interface LexiconEntry {
  targets: string[];
  weight: number;
  /** Where the entry was read, "file:line", so a reviewer can find it. */
  source: string;
}

export interface LexiconData {
  everyday: Map<string, LexiconEntry>;
  typos: Map<string, string>;
  terms: string[];
}

export const DEFAULT_WEIGHT = 0.6;
/** The lexicon/ folder shipped with the code (two levels up from src/text/). */
export const SHIPPED_LEXICON_DIR = fileURLToPath(new URL('../../lexicon/', import.meta.url));

// Data lines: skip blanks and comments; keep the 1-based line number for error messages.
function dataLines(text: string): { line: number; fields: string[] }[] {
  const out: { line: number; fields: string[] }[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (!line.trim() || line.trimStart().startsWith('#')) return;
    out.push({ line: i + 1, fields: line.split('\t') });
  });
  return out;
}

// Keys and terms are compared with folded question text, so they must already be in that form: no spaces,
// no upper case, no full-width ASCII (NFKC would change them and they could never match).
function checkWord(word: string, what: string, file: string, line: number): string {
  if (!word) throw new LexiconFileError(file, line, `empty ${what}; expected TAB-separated fields`);
  if (/\s/.test(word)) throw new LexiconFileError(file, line, `${what} "${word}" contains a space; separate fields with one TAB`);
  if (word.normalize('NFKC').toLowerCase() !== word)
    throw new LexiconFileError(
      file,
      line,
      `${what} "${word}" is not in matching form; write it half width and lower case ("${word.normalize('NFKC').toLowerCase()}")`,
    );
  return word;
}

/** Parse everyday.tsv text: `everyday<TAB>target|target[<TAB>weight]`. Throws LexiconFileError on a bad line. */
export function parseEveryday(text: string, file: string): Map<string, LexiconEntry> {
  const out = new Map<string, LexiconEntry>();
  for (const { line, fields } of dataLines(text)) {
    if (fields.length < 2 || fields.length > 3)
      throw new LexiconFileError(file, line, `expected 2 or 3 TAB-separated fields (everyday, targets, optional weight), got ${fields.length}`);
    const key = checkWord(fields[0], 'everyday word', file, line);
    const targets = fields[1].split('|').map((t) => checkWord(t, 'target', file, line));
    let weight = DEFAULT_WEIGHT;
    if (fields.length === 3) {
      weight = Number(fields[2]);
      if (!(weight > 0 && weight < 1)) throw new LexiconFileError(file, line, `weight "${fields[2]}" must be a number between 0 and 1 (exclusive)`);
    }
    const previous = out.get(key);
    if (previous) throw new LexiconFileError(file, line, `"${key}" is already listed at ${previous.source}; merge the two lines`);
    out.set(key, { targets: [...new Set(targets)], weight, source: `${file}:${line}` });
  }
  return out;
}

/** Parse typos.tsv text: `wrong<TAB>right` (equal sides make a guard). */
export function parseTypos(text: string, file: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const { line, fields } of dataLines(text)) {
    if (fields.length !== 2) throw new LexiconFileError(file, line, `expected 2 TAB-separated fields (wrong, right), got ${fields.length}`);
    const wrong = checkWord(fields[0], 'typo', file, line);
    const right = checkWord(fields[1], 'fix', file, line);
    if (out.has(wrong)) throw new LexiconFileError(file, line, `typo "${wrong}" is listed twice`);
    out.set(wrong, right);
  }
  return out;
}

/** Parse terms.txt text: one term a line. */
export function parseTerms(text: string, file: string): string[] {
  return dataLines(text).map(({ line, fields }) => {
    if (fields.length !== 1) throw new LexiconFileError(file, line, 'expected one term a line, without TABs');
    return checkWord(fields[0], 'term', file, line);
  });
}

function readData(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new LexiconFileError(path, 0, 'cannot read the file; check the path (LEXICON_FILE) and its permissions', { cause: err });
  }
}

// ASCII letters and digits: a key such as "ai" or "18岁" must not match inside "said" or "118岁".
const ALNUM = /[a-z0-9]/;

/** Leftmost-longest, non-overlapping matches of map keys in text; `lengths` from keyLengths(map). */
function scan<T>(text: string, map: Map<string, T>, lengths: KeyLengths, onMatch: (key: string, value: T) => void, onSkip?: (ch: string) => void): void {
  let i = 0;
  while (i < text.length) {
    let hit = 0;
    // Only the lengths of keys that start with this character, longest first: the same matches as trying every
    // length up to the longest key (~20 substrings and lookups a character), for a few.
    for (const len of lengths.get(text[i]) ?? NONE) {
      if (len > text.length - i) continue;
      const key = text.slice(i, i + len);
      if (!map.has(key)) continue;
      if (ALNUM.test(key[0]) && i > 0 && ALNUM.test(text[i - 1])) continue;
      if (ALNUM.test(key[len - 1]) && ALNUM.test(text[i + len] ?? '')) continue;
      onMatch(key, map.get(key) as T);
      hit = len;
      break;
    }
    if (!hit) onSkip?.(text[i]);
    i += hit || 1;
  }
}

/** Per first UTF-16 unit of the keys, their distinct lengths, longest first. */
type KeyLengths = Map<string, number[]>;

// A key with a gap ("结婚前+买", "过世+债"): its two parts in this order, at most GAP_CHARS characters apart within one
// clause. People put words between the two halves of one idea ("结婚前他自己全款买了套房", "父亲过世留下一笔债务"),
// which a key read word for word never meets.
const GAP_MARK = '+';
const GAP_CHARS = 8;

interface GappedKey {
  key: string;
  pattern: RegExp;
}

// A key with both halves anywhere in the question, in either order ("怀孕&离婚"): for pairs that decide the legal
// question wherever the story puts them ("老婆怀孕五个月了，我们天天吵架，…我想离婚"). Only for pairs specific enough.
const PAIR_MARK = '&';

function gappedKeys(map: Map<string, unknown>): GappedKey[] {
  const out: GappedKey[] = [];
  for (const key of map.keys()) {
    const gap = key.split(GAP_MARK);
    if (gap.length === 2) {
      out.push({ key, pattern: new RegExp(`${escapeRegExp(gap[0])}[^。！？!?，,；;]{0,${GAP_CHARS}}?${escapeRegExp(gap[1])}`) });
      continue;
    }
    const pair = key.split(PAIR_MARK);
    if (pair.length === 2) {
      const [a, b] = pair.map(escapeRegExp);
      out.push({ key, pattern: new RegExp(`${a}[^]*${b}|${b}[^]*${a}`) });
    }
  }
  return out;
}
const NONE: number[] = [];

function keyLengths(map: Map<string, unknown>): KeyLengths {
  const out: KeyLengths = new Map();
  for (const key of map.keys()) {
    if (!key || key.includes(GAP_MARK) || key.includes(PAIR_MARK)) continue;
    const list = out.get(key[0]) ?? [];
    if (!list.includes(key.length)) list.push(key.length);
    out.set(key[0], list);
  }
  for (const list of out.values()) list.sort((a, b) => b - a);
  return out;
}

export interface LoadOptions {
  /** Folder with everyday.tsv, typos.tsv and terms.txt; defaults to the shipped lexicon/. */
  dir?: string;
  /** An operator's everyday.tsv-format file; its entries replace shipped entries with the same key. */
  extraFile?: string;
}

export class Lexicon {
  private readonly everyday: Map<string, LexiconEntry>;
  private readonly typos: Map<string, string>;
  private readonly terms: string[];
  private readonly keyLengths: KeyLengths;
  private readonly typoLengths: KeyLengths;
  private readonly gapped: GappedKey[];

  constructor(data: LexiconData) {
    this.everyday = data.everyday;
    this.typos = data.typos;
    this.terms = data.terms;
    this.keyLengths = keyLengths(this.everyday);
    this.typoLengths = keyLengths(this.typos);
    this.gapped = gappedKeys(this.everyday);
  }

  /** Read the shipped files (and an operator file); throws LexiconFileError naming file:line on a bad line. */
  static load(options: LoadOptions = {}): Lexicon {
    const dir = options.dir ?? SHIPPED_LEXICON_DIR;
    const file = (name: string) => join(dir, name);
    const everyday = parseEveryday(readData(file('everyday.tsv')), file('everyday.tsv'));
    if (options.extraFile) {
      // The operator knows the local wording best, so an operator line replaces the shipped one.
      for (const [key, entry] of parseEveryday(readData(options.extraFile), options.extraFile)) everyday.set(key, entry);
    }
    return new Lexicon({
      everyday,
      typos: parseTypos(readData(file('typos.tsv')), file('typos.tsv')),
      terms: parseTerms(readData(file('terms.txt')), file('terms.txt')),
    });
  }

  /** Number of everyday entries. */
  get size(): number {
    return this.everyday.size;
  }

  entry(everyday: string): LexiconEntry | undefined {
    return this.everyday.get(everyday);
  }

  /**
   * The document words for the everyday tokens (or phrases from phrasesIn). Words the question already
   * contains are not repeated; a term reached from two tokens keeps its highest weight and first source, and
   * lists the other tokens in `also`.
   */
  expand(tokens: readonly string[]): Expansion[] {
    const own = new Set(tokens);
    const out = new Map<string, Expansion>();
    for (const token of tokens) {
      const entry = this.everyday.get(token);
      if (!entry) continue;
      for (const term of entry.targets) {
        if (own.has(term)) continue;
        const seen = out.get(term);
        if (!seen) out.set(term, { term, weight: entry.weight, from: token });
        else {
          if (seen.weight < entry.weight) seen.weight = entry.weight;
          if (seen.from !== token && !seen.also?.includes(token)) seen.also = [...(seen.also ?? []), token];
        }
      }
    }
    return [...out.values()];
  }

  /**
   * Everyday words and phrases found in folded text, leftmost-longest: jieba may cut "孩子跟谁过" or
   * "没写什么时候还" into pieces that are not keys, so the text is scanned for the keys themselves.
   */
  phrasesIn(text: string): string[] {
    const found: string[] = [];
    scan(text, this.everyday, this.keyLengths, (key) => {
      if (!found.includes(key)) found.push(key);
    });
    for (const g of this.gapped) if (g.pattern.test(text)) found.push(g.key);
    return found;
  }

  /** The folded text with listed typos fixed (善养 -> 赡养); guards keep correct words such as 完善养老. */
  fixTypos(text: string): string {
    if (!this.typos.size) return text;
    let out = '';
    scan(
      text,
      this.typos,
      this.typoLengths,
      (_wrong, right) => (out += right),
      (ch) => (out += ch),
    );
    return out;
  }

  /** The document words the lexicon maps to and its policy and legal terms: the vocabulary citizens ask about. */
  documentWords(): string[] {
    const words = new Set(this.terms);
    for (const e of this.everyday.values()) for (const t of e.targets) words.add(t);
    return [...words];
  }

  /**
   * Words for jieba's user dictionary: the policy and legal terms (育儿补贴, 城镇新增就业), which occur in the
   * documents. Everyday phrases are not forced on the tokenizer: phrasesIn finds them in the folded question, and
   * as user words they cut the words around them ("俺男人走了" -> 男/人走了, losing 男人 -> 配偶). Measured when the
   * 3-4 character phrases were taken out: the citizen dev set unchanged (+3 −3), hold-out 1 −1, hold-out 2 +4, a
   * probe of 15 rural questions +2, but 2 more of 30 close out-of-scope questions answered (物业费, cut as 物业/费, is
   * no longer an unknown topic); two-character ones had been left out before (寄存 cut 寄存人 into 寄存/人).
   */
  userTerms(): string[] {
    return [...new Set(this.terms)].sort();
  }

  /** Changes whenever userTerms does: postings cut with other terms are not reused (see app/ingest.ts). */
  termsFingerprint(): string {
    return createHash('sha256').update(this.userTerms().join('\n')).digest('hex').slice(0, 16);
  }
}

const loaded = new Map<string, Lexicon>();

/**
 * The lexicon for a configuration, read once per process and operator file: ingest and every engine reload
 * share it (an operator's edit takes effect at the next start, as documented in docs/lexicon.md).
 */
export function lexiconFor(config: { file?: string }): Lexicon {
  const key = config.file ?? '';
  let lexicon = loaded.get(key);
  if (!lexicon) loaded.set(key, (lexicon = Lexicon.load({ extraFile: config.file })));
  return lexicon;
}
