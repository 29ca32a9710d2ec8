// One OpenCC dictionary group as a sorted key list, for longest-prefix matching without a trie of Maps.
//
// opencc-js (core.js `Trie`) makes every trie node a JS Map keyed by code point: ~40 MB of heap for the
// Simplified -> Traditional phrase table (50k phrases). Here a group is its keys sorted by UTF-16 unit and
// concatenated in one string, their replacements likewise, and two offset arrays: ~1 MB for that table. A match
// walks the sorted keys as the trie would be walked: the keys sharing the text's first n units are a contiguous
// range, narrowed one unit at a time by binary search (the first unit by a table of ranges), until it is empty.
//
// Same answers as the trie (test/text/script/convert.test.ts and scripts/script-parity.ts compare them):
// - the trie walks code points (a surrogate pair is one step), so a key can only end where that walk stops: not
//   between a high and a low surrogate of the text. `match` rejects such an end; before it, equal units mean
//   equal code points, as the key's own pairing is the text's.
// - the longest key that is a prefix wins: the walk goes as deep as the text follows some key and keeps the
//   last node that holds a value.
// - an empty key is stored at the root and never matched (`matchPrefix` needs an end past the start): skipped.
// - a later `addWord` of the same key overwrites: the first entry of a group wins because opencc-js loads a
//   group's dictionaries in reverse; within one dictionary the last line wins. `fromGroup` loads in that order.

/** A dictionary as opencc-js ships it: "key value|key value|…" or [key, value] pairs. */
export type DictLike = string | readonly (readonly [string, string])[];

export class ScriptTableError extends Error {
  override name = 'ScriptTableError';
}

// A first unit's range of keys is packed in one number: start * RANGE + end.
const RANGE = 2 ** 24;

/**
 * Read one dictionary into `into` as `Trie.loadDict` does: each line ("|"-separated) is split on " ", the first
 * field is the key, the second its replacement; further fields are ignored, as opencc-js ignores them.
 */
export function readDict(dict: DictLike, into: Map<string, string>): void {
  if (typeof dict !== 'string') {
    for (const pair of dict) {
      if (!Array.isArray(pair) || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') {
        throw new ScriptTableError('dictionary entry is not a [key, value] pair of strings; is the opencc-js data in the format of 1.4?');
      }
      into.set(pair[0], pair[1]);
    }
    return;
  }
  // `dict.split('|')` then `line.split(' ')`, without the intermediate arrays. A text ending in "|" has an empty
  // last line, which opencc-js rejects too.
  for (let start = 0; start <= dict.length; ) {
    let end = dict.indexOf('|', start);
    if (end < 0) end = dict.length;
    const space = dict.indexOf(' ', start);
    if (space < 0 || space >= end) {
      const line = JSON.stringify(dict.slice(start, Math.min(end, start + 40)));
      throw new ScriptTableError(`dictionary line ${line} has no "key value" form; is the opencc-js data in the format of 1.4?`);
    }
    let valueEnd = dict.indexOf(' ', space + 1);
    if (valueEnd < 0 || valueEnd > end) valueEnd = end;
    into.set(dict.slice(start, space), dict.slice(space + 1, valueEnd));
    start = end + 1;
  }
}

export class PrefixTable {
  /** The replacement of the last successful `match` ('' for a table built with `keysOnly`). */
  value = '';

  private constructor(
    /** All keys, sorted by UTF-16 unit, concatenated; key k is keys[keyStart[k], keyStart[k + 1]). */
    private readonly keys: string,
    private readonly keyStart: Uint32Array,
    /** The replacements in key order, concatenated likewise ('' and one offset for `keysOnly`). */
    private readonly values: string,
    private readonly valueStart: Uint32Array,
    /** First UTF-16 unit -> its keys' range, packed as start * RANGE + end. */
    private readonly heads: Map<number, number>,
  ) {}

  /** A dictionary group loaded as `Trie.loadDictGroup` loads it: in reverse, so the first dictionary wins. */
  static fromGroup(group: readonly DictLike[], options: { keysOnly?: boolean } = {}): PrefixTable {
    const entries = new Map<string, string>();
    for (let d = group.length - 1; d >= 0; d--) readDict(group[d], entries);
    entries.delete('');
    return PrefixTable.fromEntries(entries, options.keysOnly ?? false);
  }

  private static fromEntries(entries: Map<string, string>, keysOnly: boolean): PrefixTable {
    const sorted = [...entries.keys()].sort(); // by UTF-16 unit, the order `match` compares in
    const n = sorted.length;
    if (n >= RANGE) throw new ScriptTableError(`a dictionary group has ${n} keys, more than the ${RANGE - 1} a table takes`);
    const keyStart = new Uint32Array(n + 1);
    const valueStart = new Uint32Array(keysOnly ? 1 : n + 1);
    const values: string[] = [];
    const heads = new Map<number, number>();
    let keyEnd = 0;
    let valueEnd = 0;
    for (let k = 0; k < n; k++) {
      const key = sorted[k];
      const head = key.charCodeAt(0);
      const range = heads.get(head);
      heads.set(head, (range === undefined ? k : Math.floor(range / RANGE)) * RANGE + k + 1);
      keyStart[k] = keyEnd;
      keyEnd += key.length;
      if (keysOnly) continue;
      const value = entries.get(key) as string;
      values.push(value);
      valueStart[k] = valueEnd;
      valueEnd += value.length;
    }
    keyStart[n] = keyEnd;
    valueStart[keysOnly ? 0 : n] = valueEnd;
    return new PrefixTable(sorted.join(''), keyStart, values.join(''), valueStart, heads);
  }

  get size(): number {
    return this.keyStart.length - 1;
  }

  /**
   * The end of the longest key that `s` continues with at `i` (its replacement in `value`), or -1 for none.
   * `i` must be where opencc-js's code-point walk can stand, as every caller's position is.
   */
  match(s: string, i: number): number {
    const range = this.heads.get(s.charCodeAt(i));
    if (range === undefined) return -1;
    const { keys, keyStart } = this;
    const n = s.length;
    // [lo, hi): the keys that begin with s[i, i + depth).
    let lo = Math.floor(range / RANGE);
    let hi = range % RANGE;
    let found = -1;
    let depth = 1;
    for (;;) {
      // A key equal to the prefix sorts first in its range.
      if (keyStart[lo + 1] - keyStart[lo] === depth) {
        const end = i + depth;
        // The walk takes a surrogate pair whole: it never stops between its halves.
        if (end === n || !isLow(s.charCodeAt(end)) || !isHigh(s.charCodeAt(end - 1))) found = lo;
        lo++;
      }
      if (lo >= hi || i + depth >= n) break;
      const unit = s.charCodeAt(i + depth);
      let a = lo;
      let b = hi;
      while (a < b) {
        const m = (a + b) >>> 1;
        if (keys.charCodeAt(keyStart[m] + depth) < unit) a = m + 1;
        else b = m;
      }
      lo = a;
      b = hi;
      while (a < b) {
        const m = (a + b) >>> 1;
        if (keys.charCodeAt(keyStart[m] + depth) <= unit) a = m + 1;
        else b = m;
      }
      hi = a;
      if (lo >= hi) break;
      depth++;
    }
    if (found < 0) return -1;
    const { valueStart } = this;
    this.value = valueStart.length > 1 ? this.values.slice(valueStart[found], valueStart[found + 1]) : '';
    return i + keyStart[found + 1] - keyStart[found];
  }
}

function isHigh(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLow(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
