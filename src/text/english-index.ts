// The reversed CC-CEDICT index as the bot holds it: the shipped file's text itself, searched by binary search over
// its sorted lines. As a Map of 77k keys to arrays of words it took ~16 MB of heap on the first English question;
// as one string and one offset per line it takes the file's size and 4 bytes a line.

/** What the English bridge reads of an index: a Map satisfies it, and so does CompactEnglishIndex. */
export interface EnglishLookup {
  readonly size: number;
  has(key: string): boolean;
  get(key: string): readonly string[] | undefined;
  entries(): Iterable<[string, readonly string[]]>;
}

/** `key<TAB>word|word` lines after `#` comments, keys in UTF-16 order: the file form of an index. */
export function formatEnglishIndex(index: EnglishLookup, header: string[]): string {
  const lines = header.map((h) => `# ${h}`);
  for (const [key, words] of [...index.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) lines.push(`${key}\t${words.join('|')}`);
  return `${lines.join('\n')}\n`;
}

export class CompactEnglishIndex implements EnglishLookup {
  /** Where each entry's line starts in `text`, in key order. */
  private readonly starts: Int32Array;

  private constructor(
    private readonly text: string,
    starts: number[],
  ) {
    this.starts = Int32Array.from(starts);
  }

  /** From the file form (formatEnglishIndex); lines out of key order (an edited file) are put in order. */
  static parse(text: string): CompactEnglishIndex {
    const starts: number[] = [];
    for (let at = 0; at < text.length; ) {
      const end = lineEnd(text, at);
      const tab = text.indexOf('\t', at);
      if (text[at] !== '#' && tab > at && tab < end) starts.push(at);
      at = end + 1;
    }
    const index = new CompactEnglishIndex(text, starts);
    if (!index.sorted()) {
      const keyAt = (s: number) => text.slice(s, text.indexOf('\t', s));
      starts.sort((a, b) => (keyAt(a) < keyAt(b) ? -1 : keyAt(a) > keyAt(b) ? 1 : 0));
      return new CompactEnglishIndex(text, starts);
    }
    return index;
  }

  get size(): number {
    return this.starts.length;
  }

  has(key: string): boolean {
    return this.find(key) >= 0;
  }

  get(key: string): readonly string[] | undefined {
    const i = this.find(key);
    return i < 0 ? undefined : this.wordsAt(i);
  }

  *entries(): Iterable<[string, readonly string[]]> {
    for (let i = 0; i < this.starts.length; i++) yield [this.keyAt(i), this.wordsAt(i)];
  }

  private find(key: string): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const k = this.keyAt(mid);
      if (k === key) return mid;
      if (k < key) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  private keyAt(i: number): string {
    const s = this.starts[i];
    return this.text.slice(s, this.text.indexOf('\t', s));
  }

  private wordsAt(i: number): string[] {
    const s = this.starts[i];
    return this.text.slice(this.text.indexOf('\t', s) + 1, lineEnd(this.text, s)).split('|');
  }

  private sorted(): boolean {
    for (let i = 1; i < this.starts.length; i++) if (!(this.keyAt(i - 1) < this.keyAt(i))) return false;
    return true;
  }
}

function lineEnd(text: string, at: number): number {
  const end = text.indexOf('\n', at);
  return end < 0 ? text.length : end;
}
