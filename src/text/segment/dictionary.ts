// jieba's dictionary (word, frequency, part of speech) as a trie in typed arrays. jieba-rs keeps one heap record per
// word (a String for its tag) and a cedar trie: ~32 MB in every process that segments, for dict.txt's 349k words.
// Here a node costs 11 bytes (~5.5 MB for dict.txt's 498k nodes), and the distinct frequencies (5k) and tags (55)
// are kept once each.
//
// The trie is keyed by UTF-16 code unit, so a text is walked by charCodeAt without decoding or slicing; a character
// outside the BMP is two steps, and a word can only end where a dictionary word ends, so always after a whole
// character. The root's children are a table indexed by code unit; every other node's children are contiguous and
// sorted by unit (a linear scan for a few, a binary search for many).
//
// Loading follows jieba-rs's `load_dict` (0.10, as @node-rs/jieba 2.0.3 builds it): each line is
// `word [freq [tag]]`, split on Unicode whitespace; a missing frequency is 0, a missing tag "". A word already in the
// dictionary takes the new frequency and keeps its tag; a new word takes both. The total is the sum of all
// frequencies.
import { glibcLog } from './log.ts';

const NO_NODE = 0; // node 0 is the root, never anyone's child
const ROOT = 0;

// Serialized form: 'WZSG', and its format, to change with the layout or with how any value in it is computed.
const MAGIC = 0x47535a57;
const FORMAT = 1;
const HEADER = 64;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The lines of a dictionary file that have a word: where its word and tag are in `text`, and its frequency. */
interface LoadEntries {
  text: string;
  wordStart: Uint32Array;
  wordEnd: Uint32Array;
  freq: Float64Array;
  tagStart: Uint32Array;
  tagEnd: Uint32Array;
  count: number;
}

// Rust's char::is_whitespace (Unicode White_Space), which `split_whitespace` splits on. Not JS's \s: that also
// takes U+FEFF and misses U+0085.
function isRustWhitespace(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) ||
    c === 0x20 ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

export class DictionaryError extends Error {
  override name = 'DictionaryError';
}

// Spare nodes a deserialized dictionary gets for the terms loaded into it later (see deserialize).
const SPARE_SHARE = 1 / 6;
const MIN_SPARE_NODES = 1 << 16;

export class Dictionary {
  /** The serialized form's format (see `serialize`). */
  static readonly FORMAT = FORMAT;

  /** The code unit that leads from a node's parent to it. */
  private unit: Uint16Array = new Uint16Array(1);
  private firstChild: Uint32Array = new Uint32Array(1);
  private childCount: Uint16Array = new Uint16Array(1);
  /** 1 + index into the frequency table for a node that ends a word; 0 for one that does not. */
  private freqOf: Uint16Array | Uint32Array = new Uint16Array(1);
  /** Index into `tags` for a node that ends a word. */
  private tagOf: Uint8Array | Uint16Array = new Uint8Array(1);
  private readonly rootChildren = new Uint32Array(0x10000);
  private nodes = 1;
  /** Nodes left behind when a node's children were moved to make room for a new one; compacted away. */
  private garbage = 0;

  private freqValues: number[] = [];
  /** ln(freq) of each frequency in the table, as glibc computes it. */
  private logFreqValues: number[] = [];
  private readonly freqIndex = new Map<number, number>();
  /** ln(freq) - ln(total) for each frequency in the table: the score of one word. */
  private logProbOfFreq = new Float64Array(0);
  readonly tags: string[] = [];
  private readonly tagIndex = new Map<string, number>();

  /** Sum of all words' frequencies. */
  total = 0;
  /** ln(1) - ln(total): the score of a character that no dictionary word starts with. */
  unknownLogProb = Number.POSITIVE_INFINITY;
  words = 0;

  /** A dictionary with the words of jieba's dict.txt format in `bytes` (UTF-8). */
  static from(bytes: Uint8Array): Dictionary {
    const dict = new Dictionary();
    dict.load(bytes);
    return dict;
  }

  /** Add or update the words of a dictionary file (UTF-8, jieba's dict.txt format), as jieba-rs's load_dict. */
  load(bytes: Uint8Array): void {
    // Rust reads the lines into a String: invalid UTF-8 is an error, and a byte-order mark is a character.
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch (cause) {
      throw new DictionaryError('dictionary is not valid UTF-8', { cause });
    }
    const entries = parse(text);
    const order = sortedOrder(entries);
    this.merge(entries, order);
    this.logTotalChanged();
  }

  private logTotalChanged(): void {
    const logTotal = glibcLog(this.total);
    this.unknownLogProb = 0 - logTotal;
    this.logProbOfFreq = new Float64Array(this.freqValues.length);
    for (let i = 0; i < this.freqValues.length; i++) {
      this.logProbOfFreq[i] = this.logFreqValues[i] - logTotal;
    }
  }

  // --- lookups (the segmenter's hot path) ---

  /** The node of the one-unit prefix `u`, or 0. */
  rootChild(u: number): number {
    return this.rootChildren[u];
  }

  /** The child of `node` along code unit `u`, or 0. */
  child(node: number, u: number): number {
    if (node === ROOT) return this.rootChildren[u];
    const count = this.childCount[node];
    let lo = this.firstChild[node];
    const units = this.unit;
    if (count <= 8) {
      for (const end = lo + count; lo < end; lo++) {
        const v = units[lo];
        if (v === u) return lo;
        if (v > u) return NO_NODE;
      }
      return NO_NODE;
    }
    let hi = lo + count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = units[mid];
      if (v === u) return mid;
      if (v < u) lo = mid + 1;
      else hi = mid - 1;
    }
    return NO_NODE;
  }

  /** ln(freq) - ln(total) of the word that ends at `node`, or NaN if none does. */
  wordLogProb(node: number): number {
    const f = this.freqOf[node];
    return f === 0 ? Number.NaN : this.logProbOfFreq[f - 1];
  }

  isWord(node: number): boolean {
    return this.freqOf[node] !== 0;
  }

  /** The node of text[start, end) if the trie has that path, else 0 (the root for an empty range). */
  find(text: string, start: number, end: number): number {
    let node = ROOT;
    for (let i = start; i < end; i++) {
      node = this.child(node, text.charCodeAt(i));
      if (node === NO_NODE) return NO_NODE;
    }
    return node;
  }

  /** Whether text[start, end) is a word of the dictionary. */
  has(text: string, start: number, end: number): boolean {
    const node = this.find(text, start, end);
    return node !== NO_NODE && this.freqOf[node] !== 0;
  }

  /** The part of speech of the word ending at `node` (a word node). */
  tagAt(node: number): string {
    return this.tags[this.tagOf[node]];
  }

  /** The frequency of `word`, or undefined if it is not in the dictionary. */
  frequency(word: string): number | undefined {
    const node = this.find(word, 0, word.length);
    if (node === NO_NODE || this.freqOf[node] === 0) return undefined;
    return this.freqValues[this.freqOf[node] - 1];
  }

  /** Bytes held by the trie and its tables (typed arrays; the few thousand frequencies and tags aside). */
  get byteLength(): number {
    return (
      this.unit.byteLength +
      this.firstChild.byteLength +
      this.childCount.byteLength +
      this.freqOf.byteLength +
      this.tagOf.byteLength +
      this.rootChildren.byteLength +
      this.logProbOfFreq.byteLength
    );
  }

  get nodeCount(): number {
    return this.nodes;
  }

  // --- as bytes (cache.ts keeps the general dictionary so, to skip parsing dict.txt at each start) ---

  /**
   * The dictionary as bytes: a 64-byte header (magic, format, sizes, total), the tags as JSON, the frequencies and
   * their logarithms, then the trie's arrays, each section aligned to 8 bytes. Little-endian, as the machine is.
   */
  serialize(): Uint8Array {
    if (this.garbage > 0 || this.unit.length !== this.nodes) this.compact();
    const tags = new TextEncoder().encode(JSON.stringify(this.tags));
    const sections = this.sections(tags.byteLength, this.freqValues.length);
    const out = new Uint8Array(sections.end);
    const header = new DataView(out.buffer);
    header.setUint32(0, MAGIC, true);
    header.setUint32(4, FORMAT, true);
    header.setUint32(8, this.nodes, true);
    header.setUint32(12, this.freqValues.length, true);
    header.setUint32(16, tags.byteLength, true);
    header.setUint8(20, this.freqOf.BYTES_PER_ELEMENT);
    header.setUint8(21, this.tagOf.BYTES_PER_ELEMENT);
    header.setFloat64(24, this.total, true);
    header.setUint32(32, this.words, true);
    out.set(tags, sections.tags);
    const put = (a: ArrayBufferView, at: number) => out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    put(Float64Array.from(this.freqValues), sections.freqValues);
    put(Float64Array.from(this.logFreqValues), sections.logFreqValues);
    put(this.rootChildren, sections.rootChildren);
    put(this.firstChild, sections.firstChild);
    put(this.unit, sections.unit);
    put(this.childCount, sections.childCount);
    put(this.freqOf, sections.freqOf);
    put(this.tagOf, sections.tagOf);
    return out;
  }

  /**
   * A dictionary from `serialize`'s bytes, its trie arrays views of them (no copy). Throws a DictionaryError if they
   * are not a whole, consistent dictionary of this format.
   */
  static deserialize(bytes: Uint8Array): Dictionary {
    const bad = (why: string) => new DictionaryError(`not a serialized dictionary of format ${FORMAT}: ${why}`);
    if (!LITTLE_ENDIAN) throw bad('this machine is big-endian');
    if (bytes.byteLength < HEADER || bytes.byteOffset % 8 !== 0) throw bad('too short or unaligned');
    const header = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (header.getUint32(0, true) !== MAGIC || header.getUint32(4, true) !== FORMAT) throw bad('magic or format');
    const dict = new Dictionary();
    const nodes = header.getUint32(8, true);
    const freqCount = header.getUint32(12, true);
    const freqWidth = header.getUint8(20);
    const tagWidth = header.getUint8(21);
    if (nodes < 1 || (freqWidth !== 2 && freqWidth !== 4) || (tagWidth !== 1 && tagWidth !== 2)) throw bad('header');
    dict.freqOf = freqWidth === 2 ? new Uint16Array(0) : new Uint32Array(0);
    dict.tagOf = tagWidth === 1 ? new Uint8Array(0) : new Uint16Array(0);
    const sections = dict.sections(header.getUint32(16, true), freqCount, nodes);
    if (sections.end !== bytes.byteLength) throw bad(`${bytes.byteLength} bytes, expected ${sections.end}`);
    const base = bytes.byteOffset;
    const buf = bytes.buffer;
    const tags: unknown = JSON.parse(new TextDecoder().decode(bytes.subarray(sections.tags, sections.tags + sections.tagsLength)));
    if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string')) throw bad('tags');
    for (const t of tags) dict.internTag(t);
    dict.freqValues = Array.from(new Float64Array(buf, base + sections.freqValues, freqCount));
    dict.logFreqValues = Array.from(new Float64Array(buf, base + sections.logFreqValues, freqCount));
    for (const [i, f] of dict.freqValues.entries()) dict.freqIndex.set(f, i);
    // The root's table is copied: the views below are replaced when terms are added, and then the bytes can go.
    dict.rootChildren.set(new Uint32Array(buf, base + sections.rootChildren, 0x10000));
    // The trie's arrays are copied into arrays with room for the terms that every Tokenizer adds (the lexicon's
    // 3.5k terms took 40k nodes): as views of the file's bytes, adding them copied the whole trie (+6 MB at the
    // build's peak, measured); copied here, at the start of a build, the file's bytes go while the process holds
    // the least.
    const capacity = nodes + Math.max(MIN_SPARE_NODES, Math.ceil(nodes * SPARE_SHARE));
    const copy = <T extends Uint8Array | Uint16Array | Uint32Array>(view: T, make: (n: number) => T): T => {
      const a = make(capacity);
      a.set(view);
      return a;
    };
    dict.firstChild = copy(new Uint32Array(buf, base + sections.firstChild, nodes), (n) => new Uint32Array(n));
    dict.unit = copy(new Uint16Array(buf, base + sections.unit, nodes), (n) => new Uint16Array(n));
    dict.childCount = copy(new Uint16Array(buf, base + sections.childCount, nodes), (n) => new Uint16Array(n));
    dict.freqOf =
      freqWidth === 2
        ? copy(new Uint16Array(buf, base + sections.freqOf, nodes), (n) => new Uint16Array(n))
        : copy(new Uint32Array(buf, base + sections.freqOf, nodes), (n) => new Uint32Array(n));
    dict.tagOf =
      tagWidth === 1
        ? copy(new Uint8Array(buf, base + sections.tagOf, nodes), (n) => new Uint8Array(n))
        : copy(new Uint16Array(buf, base + sections.tagOf, nodes), (n) => new Uint16Array(n));
    dict.nodes = nodes;
    // Every reference in range, and the words and their total as the header says: a cut can then not go astray.
    for (let u = 0; u < 0x10000; u++) if (dict.rootChildren[u] >= nodes) throw bad('root child out of range');
    let total = 0;
    let words = 0;
    for (let i = 1; i < nodes; i++) {
      if (dict.childCount[i] > 0 && dict.firstChild[i] + dict.childCount[i] > nodes) throw bad('children out of range');
      const f = dict.freqOf[i];
      if (f === 0) continue;
      if (f > freqCount || dict.tagOf[i] >= tags.length) throw bad('frequency or tag out of range');
      total += dict.freqValues[f - 1];
      words++;
    }
    if (total !== header.getFloat64(24, true) || words !== header.getUint32(32, true)) throw bad('total or word count');
    dict.total = total;
    dict.words = words;
    dict.logTotalChanged();
    return dict;
  }

  /** Byte offsets of the serialized sections. */
  private sections(tagsLength: number, freqCount: number, nodes = this.nodes) {
    let at = HEADER;
    const take = (bytes: number) => {
      const start = at;
      at += Math.ceil(bytes / 8) * 8;
      return start;
    };
    const tags = take(tagsLength);
    const freqValues = take(8 * freqCount);
    const logFreqValues = take(8 * freqCount);
    const rootChildren = take(4 * 0x10000);
    const firstChild = take(4 * nodes);
    const unit = take(2 * nodes);
    const childCount = take(2 * nodes);
    const freqOf = take(this.freqOf.BYTES_PER_ELEMENT * nodes);
    const tagOf = take(this.tagOf.BYTES_PER_ELEMENT * nodes);
    return { tags, tagsLength, freqValues, logFreqValues, rootChildren, firstChild, unit, childCount, freqOf, tagOf, end: at };
  }

  // --- building ---

  /** Merge the parsed entries, in word order, into the trie. */
  private merge(entries: LoadEntries, order: Uint32Array): void {
    if (order.length === 0) return;
    // Arrays of exactly the size the merge will fill: no spare room, and no copy but this one.
    const size = this.nodes + this.planMerge(entries, order, ROOT, 0, order.length, 0);
    if (size > this.unit.length) this.resize(size);
    this.mergeRange(entries, order, ROOT, 0, order.length, 0);
    // Loading the terms into jieba's dictionary moves a few thousand blocks: not worth a copy of the whole trie.
    if (this.garbage > this.nodes / 8) this.compact();
  }

  /** How many nodes mergeRange will allocate for the same arguments: new nodes and moved blocks of children. */
  private planMerge(entries: LoadEntries, order: Uint32Array, node: number, lo: number, hi: number, depth: number) {
    if (lo < hi && entries.wordEnd[order[lo]] - entries.wordStart[order[lo]] === depth) lo++;
    let need = 0;
    let added = 0;
    for (let g = lo; g < hi; ) {
      const end = groupEnd(entries, order, g, hi, depth);
      const child = this.child(node, unitOf(entries, order[g], depth));
      if (child === NO_NODE) {
        added++;
        need += newPrefixes(entries, order, g, end, depth + 1);
      } else {
        need += this.planMerge(entries, order, child, g, end, depth + 1);
      }
      g = end;
    }
    // The root's children are allocated one by one; any other node's are moved to a block with room for the new.
    if (added > 0) need += node === ROOT ? added : this.childCount[node] + added;
    return need;
  }

  /**
   * Entries order[lo, hi) all begin with the path to `node` (of `depth` units), sorted, without duplicates: the one
   * that ends here (first, if any) becomes or updates this node's word; the rest go to the children, grouped by
   * their next unit.
   */
  private mergeRange(entries: LoadEntries, order: Uint32Array, node: number, lo: number, hi: number, depth: number) {
    const { wordStart, wordEnd } = entries;
    if (lo < hi && wordEnd[order[lo]] - wordStart[order[lo]] === depth) {
      this.setWord(node, entries, order[lo]);
      lo++;
    }
    if (lo >= hi) return;
    if (node === ROOT) {
      for (let g = lo; g < hi; ) {
        const u = unitOf(entries, order[g], depth);
        const end = groupEnd(entries, order, g, hi, depth);
        let child = this.rootChildren[u];
        if (child === NO_NODE) {
          child = this.allocate(1);
          this.initNode(child, u);
          this.rootChildren[u] = child;
        }
        this.mergeRange(entries, order, child, g, end, depth + 1);
        g = end;
      }
      return;
    }
    // Units of the groups that the node has no child for yet.
    let added = 0;
    for (let g = lo; g < hi; g = groupEnd(entries, order, g, hi, depth)) {
      if (this.child(node, unitOf(entries, order[g], depth)) === NO_NODE) added++;
    }
    if (added > 0) this.growChildren(node, entries, order, lo, hi, depth, added);
    for (let g = lo; g < hi; ) {
      const end = groupEnd(entries, order, g, hi, depth);
      this.mergeRange(entries, order, this.child(node, unitOf(entries, order[g], depth)), g, end, depth + 1);
      g = end;
    }
  }

  /** Move `node`'s children to a new block with room for the `added` new units among the groups, in unit order. */
  private growChildren(node: number, entries: LoadEntries, order: Uint32Array, lo: number, hi: number, depth: number, added: number): void {
    const oldFirst = this.firstChild[node];
    const oldCount = this.childCount[node];
    const count = oldCount + added;
    if (count > 0xffff) {
      throw new DictionaryError(`a dictionary node would have ${count} children; at most 65535 are supported`);
    }
    const block = this.allocate(count);
    let o = oldFirst;
    const oldEnd = oldFirst + oldCount;
    let slot = block;
    for (let g = lo; g < hi; g = groupEnd(entries, order, g, hi, depth)) {
      const u = unitOf(entries, order[g], depth);
      while (o < oldEnd && this.unit[o] < u) this.copyNode(o++, slot++);
      if (o < oldEnd && this.unit[o] === u) continue; // an existing child: copied in its turn
      this.initNode(slot++, u);
    }
    while (o < oldEnd) this.copyNode(o++, slot++);
    this.firstChild[node] = block;
    this.childCount[node] = count;
    this.garbage += oldCount;
  }

  private setWord(node: number, entries: LoadEntries, entry: number): void {
    const freq = entries.freq[entry];
    const old = this.freqOf[node];
    if (old !== 0) {
      // jieba-rs: a word already present takes the new frequency and keeps its part of speech.
      this.total += freq - this.freqValues[old - 1];
    } else {
      const tag = entries.text.slice(entries.tagStart[entry], entries.tagEnd[entry]);
      this.setTag(node, this.internTag(tag));
      this.total += freq;
      this.words++;
    }
    if (!Number.isSafeInteger(this.total)) {
      throw new DictionaryError(`the dictionary's total frequency ${this.total} is over 2^53`);
    }
    this.setFreq(node, this.internFreq(freq) + 1);
  }

  private internFreq(freq: number): number {
    let i = this.freqIndex.get(freq);
    if (i === undefined) {
      i = this.freqValues.length;
      this.freqValues.push(freq);
      this.logFreqValues.push(glibcLog(freq));
      this.freqIndex.set(freq, i);
    }
    return i;
  }

  private internTag(tag: string): number {
    let i = this.tagIndex.get(tag);
    if (i === undefined) {
      i = this.tags.length;
      this.tags.push(tag);
      this.tagIndex.set(tag, i);
    }
    return i;
  }

  // A dictionary with more than 65535 distinct frequencies or 255 tags widens the array that refers to them.
  private setFreq(node: number, value: number): void {
    if (value > 0xffff && this.freqOf instanceof Uint16Array) this.freqOf = Uint32Array.from(this.freqOf);
    this.freqOf[node] = value;
  }

  private setTag(node: number, value: number): void {
    if (value > 0xff && this.tagOf instanceof Uint8Array) this.tagOf = Uint16Array.from(this.tagOf);
    this.tagOf[node] = value;
  }

  private initNode(node: number, u: number): void {
    this.unit[node] = u;
    this.firstChild[node] = 0;
    this.childCount[node] = 0;
    this.freqOf[node] = 0;
    this.tagOf[node] = 0;
  }

  private copyNode(from: number, to: number): void {
    this.unit[to] = this.unit[from];
    this.firstChild[to] = this.firstChild[from];
    this.childCount[to] = this.childCount[from];
    this.freqOf[to] = this.freqOf[from];
    this.tagOf[to] = this.tagOf[from];
  }

  private allocate(count: number): number {
    if (this.nodes + count > this.unit.length) throw new Error('dictionary: a merge allocated more nodes than planned');
    const first = this.nodes;
    this.nodes += count;
    return first;
  }

  private resize(size: number): void {
    const grow = <T extends Uint8Array | Uint16Array | Uint32Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a.length > size ? a.subarray(0, size) : a);
      return b;
    };
    this.unit = grow(this.unit, (n) => new Uint16Array(n));
    this.firstChild = grow(this.firstChild, (n) => new Uint32Array(n));
    this.childCount = grow(this.childCount, (n) => new Uint16Array(n));
    this.freqOf = this.freqOf instanceof Uint16Array ? grow(this.freqOf, (n) => new Uint16Array(n)) : grow(this.freqOf, (n) => new Uint32Array(n));
    this.tagOf = this.tagOf instanceof Uint8Array ? grow(this.tagOf, (n) => new Uint8Array(n)) : grow(this.tagOf, (n) => new Uint16Array(n));
  }

  /** Copy the live nodes, breadth first, into arrays of exactly their number: drops moved blocks and spare room. */
  private compact(): void {
    const live = this.nodes - this.garbage;
    const unit = new Uint16Array(live);
    const firstChild = new Uint32Array(live);
    const childCount = new Uint16Array(live);
    const freqOf = this.freqOf instanceof Uint16Array ? new Uint16Array(live) : new Uint32Array(live);
    const tagOf = this.tagOf instanceof Uint8Array ? new Uint8Array(live) : new Uint16Array(live);
    // Queue of (old node, new node) pairs, in the new arrays' order: a node's children are placed when it is.
    const oldOf = new Uint32Array(live);
    let next = 1;
    for (let u = 0; u < 0x10000; u++) {
      const old = this.rootChildren[u];
      if (old === NO_NODE) continue;
      oldOf[next] = old;
      this.rootChildren[u] = next++;
    }
    for (let at = 1; at < next; at++) {
      const old = oldOf[at];
      unit[at] = this.unit[old];
      freqOf[at] = this.freqOf[old];
      tagOf[at] = this.tagOf[old];
      const count = this.childCount[old];
      childCount[at] = count;
      if (count === 0) continue;
      firstChild[at] = next;
      const first = this.firstChild[old];
      for (let c = 0; c < count; c++) oldOf[next++] = first + c;
    }
    if (next !== live) throw new Error(`dictionary compaction found ${next} nodes, expected ${live}`);
    this.unit = unit;
    this.firstChild = firstChild;
    this.childCount = childCount;
    this.freqOf = freqOf;
    this.tagOf = tagOf;
    this.nodes = live;
    this.garbage = 0;
  }
}

/** Lines of a dictionary file: word, frequency and tag of each line that has a word. */
function parse(text: string): LoadEntries {
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  const entries: LoadEntries = {
    text,
    wordStart: new Uint32Array(lines),
    wordEnd: new Uint32Array(lines),
    freq: new Float64Array(lines),
    tagStart: new Uint32Array(lines),
    tagEnd: new Uint32Array(lines),
    count: 0,
  };
  const fields = [0, 0, 0, 0, 0, 0];
  let lineNo = 0;
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    lineNo++;
    // The first three whitespace-separated fields of the line; the rest is ignored, as jieba-rs does.
    let found = 0;
    for (let i = start; i < end && found < 3; ) {
      while (i < end && isRustWhitespace(text.charCodeAt(i))) i++;
      if (i >= end) break;
      const s = i;
      while (i < end && !isRustWhitespace(text.charCodeAt(i))) i++;
      fields[2 * found] = s;
      fields[2 * found + 1] = i;
      found++;
    }
    if (found > 0) {
      const e = entries.count++;
      entries.wordStart[e] = fields[0];
      entries.wordEnd[e] = fields[1];
      entries.freq[e] = found > 1 ? parseFreq(text, fields[2], fields[3], lineNo) : 0;
      entries.tagStart[e] = found > 2 ? fields[4] : 0;
      entries.tagEnd[e] = found > 2 ? fields[5] : 0;
    }
    start = end + 1;
  }
  return entries;
}

/** A frequency as Rust's usize::from_str reads it: ASCII digits after an optional '+'. */
function parseFreq(text: string, start: number, end: number, lineNo: number): number {
  let i = start;
  if (text.charCodeAt(i) === 0x2b) i++;
  let value = 0;
  if (i >= end) value = Number.NaN;
  for (; i < end; i++) {
    const d = text.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) {
      value = Number.NaN;
      break;
    }
    value = value * 10 + d;
  }
  if (!Number.isSafeInteger(value)) {
    const token = text.slice(start, end);
    throw new DictionaryError(`line ${lineNo}: frequency ${token} is not a valid integer (0 to 2^53)`);
  }
  return value;
}

/** The code unit at `depth` of an entry's word. */
function unitOf(entries: LoadEntries, entry: number, depth: number): number {
  return entries.text.charCodeAt(entries.wordStart[entry] + depth);
}

/** The end of the group of order[g, hi) whose words have order[g]'s unit at `depth`. */
function groupEnd(entries: LoadEntries, order: Uint32Array, g: number, hi: number, depth: number): number {
  const u = unitOf(entries, order[g], depth);
  let end = g + 1;
  while (end < hi && unitOf(entries, order[end], depth) === u) end++;
  return end;
}

function compareWords(entries: LoadEntries, a: number, b: number): number {
  const { text, wordStart, wordEnd } = entries;
  const la = wordEnd[a] - wordStart[a];
  const lb = wordEnd[b] - wordStart[b];
  const n = Math.min(la, lb);
  for (let i = 0; i < n; i++) {
    const d = text.charCodeAt(wordStart[a] + i) - text.charCodeAt(wordStart[b] + i);
    if (d !== 0) return d;
  }
  return la - lb;
}

/** Distinct prefixes longer than `depth` among the words of order[lo, hi) (sorted, distinct). */
function newPrefixes(entries: LoadEntries, order: Uint32Array, lo: number, hi: number, depth: number): number {
  let count = 0;
  for (let j = lo; j < hi; j++) {
    const len = entries.wordEnd[order[j]] - entries.wordStart[order[j]];
    const shared = j === lo ? depth : Math.max(depth, commonPrefix(entries, order[j - 1], order[j]));
    count += len - shared;
  }
  return count;
}

function commonPrefix(entries: LoadEntries, a: number, b: number): number {
  const { text, wordStart, wordEnd } = entries;
  const n = Math.min(wordEnd[a] - wordStart[a], wordEnd[b] - wordStart[b]);
  let i = 0;
  while (i < n && text.charCodeAt(wordStart[a] + i) === text.charCodeAt(wordStart[b] + i)) i++;
  return i;
}

/**
 * The entries in word order (UTF-16 code units), one per distinct word: that of its first line, with the
 * frequency of its last (jieba-rs keeps the first line's tag and lets each later line overwrite the frequency).
 * dict.txt and the segmenter's own term lists come sorted and distinct, and skip the sort.
 */
function sortedOrder(entries: LoadEntries): Uint32Array {
  const n = entries.count;
  let sorted = true;
  for (let e = 1; e < n && sorted; e++) sorted = compareWords(entries, e - 1, e) < 0;
  const order = new Uint32Array(n);
  for (let e = 0; e < n; e++) order[e] = e;
  if (sorted) return order;
  // Stable: equal words stay in line order.
  order.sort((a, b) => compareWords(entries, a, b) || a - b);
  let kept = 0;
  for (let j = 0; j < n; ) {
    let end = j + 1;
    while (end < n && compareWords(entries, order[j], order[end]) === 0) end++;
    // The first line's entry, with the last line's frequency.
    entries.freq[order[j]] = entries.freq[order[end - 1]];
    order[kept++] = order[j];
    j = end;
  }
  return order.slice(0, kept);
}
