// A Chinese word segmenter that cuts exactly as jieba-rs 0.10 does without HMM (what @node-rs/jieba 2.0.3 runs),
// over the compact dictionary in ./dictionary.ts: the native one held ~32 MB in every process (see there).
//
// jieba-rs's precise cut, step by step:
// - The text is split into runs of "han" characters (CJK ideographs, ASCII letters and digits, and + # & . _ % -)
//   and runs of everything else. Each character of the other runs is a token of its own ("\r\n" is one token).
// - In a han run, every dictionary word that starts at a character is a candidate; a character that starts none is
//   a candidate on its own, scored as frequency 1. From the end of the run backwards, each character takes the
//   candidate with the best ln(freq) - ln(total) plus the best score of the rest; of equal scores, the longer word
//   wins (Rust's max_by on (score, end) keeps the last of equal maxima).
// - Walking the best path forwards, consecutive single ASCII letters and digits are joined into one token.
// Search mode puts, before each word of more than two characters, its two-character then three-character
// substrings that are dictionary words. Tagging gives a dictionary word its tag; any other token is "m" if its
// ASCII letters and digits are all digits, "eng" if it has ASCII letters, and "x" otherwise.
// Positions are UTF-16 code units; a character outside the BMP is handled as the one character it is.
import { Dictionary } from './dictionary.ts';

export interface TaggedWord {
  word: string;
  tag: string;
}

// ASCII characters of jieba's han class, and ASCII letters and digits (the ones a cut joins).
const ASCII_HAN = new Uint8Array(128);
const ASCII_ALNUM = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const alnum = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  ASCII_ALNUM[c] = alnum ? 1 : 0;
  ASCII_HAN[c] = alnum || '+#&._%-'.includes(String.fromCharCode(c)) ? 1 : 0;
}

/** jieba-rs's RE_HAN_DEFAULT class of a code point: the CJK Unified Ideographs blocks it lists, and ASCII_HAN. */
function isHan(cp: number): boolean {
  if (cp < 128) return ASCII_HAN[cp] === 1;
  if (cp < 0x3400) return false;
  if (cp <= 0x9fff) return cp >= 0x4e00 || cp <= 0x4dbf;
  if (cp < 0x10000) return cp >= 0xf900 && cp <= 0xfaff;
  return (
    (cp >= 0x20000 && cp <= 0x2a6df) ||
    (cp >= 0x2a700 && cp <= 0x2ebef) || // 2A700-2B73F, 2B740-2B81F, 2B820-2CEAF, 2CEB0-2EBEF: contiguous
    (cp >= 0x2f800 && cp <= 0x2fa1f)
  );
}

/** The code point at i, given its first unit c (a lone surrogate is itself; texts are made well-formed first). */
function codePointAt(text: string, i: number, c: number): number {
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
  }
  return c;
}

export class Segmenter {
  private readonly dict: Dictionary;
  // Scratch buffers reused by every cut: the best path's score and end from each position of a run, and the
  // tokens found (start and end of each).
  private routeScore = new Float64Array(256);
  private routeEnd = new Int32Array(256);
  private spans = new Int32Array(512);

  constructor(dict: Dictionary = new Dictionary()) {
    this.dict = dict;
  }

  /** A segmenter over the words of a dictionary file (jieba's dict.txt format). */
  static withDict(bytes: Uint8Array): Segmenter {
    return new Segmenter(Dictionary.from(bytes));
  }

  /** Add or update words from a dictionary file (`word freq tag` lines), as jieba's load_dict. */
  loadDict(bytes: Uint8Array): void {
    this.dict.load(bytes);
  }

  get dictionary(): Dictionary {
    return this.dict;
  }

  /** jieba's precise cut (cut(text, false)). */
  cut(text: string): string[] {
    const src = wellFormed(text);
    const n = this.collect(src);
    const spans = this.spans;
    const out: string[] = new Array(n);
    for (let t = 0; t < n; t++) out[t] = src.slice(spans[2 * t], spans[2 * t + 1]);
    return out;
  }

  /** jieba's search-mode cut (cut_for_search(text, false)): each long word preceded by its 2- and 3-character words. */
  cutForSearch(text: string): string[] {
    const src = wellFormed(text);
    const n = this.collect(src);
    const spans = this.spans;
    const dict = this.dict;
    const out: string[] = [];
    for (let t = 0; t < n; t++) {
      const a = spans[2 * t];
      const b = spans[2 * t + 1];
      if (b - a > 2) {
        if (isBmp(src, a, b)) {
          const chars = b - a;
          for (let i = a; i + 2 <= b; i++) if (dict.has(src, i, i + 2)) out.push(src.slice(i, i + 2));
          if (chars > 3) for (let i = a; i + 3 <= b; i++) if (dict.has(src, i, i + 3)) out.push(src.slice(i, i + 3));
        } else {
          const starts = charStarts(src, a, b);
          const chars = starts.length - 1;
          if (chars > 2) {
            for (let i = 0; i + 2 <= chars; i++) {
              if (dict.has(src, starts[i], starts[i + 2])) out.push(src.slice(starts[i], starts[i + 2]));
            }
          }
          if (chars > 3) {
            for (let i = 0; i + 3 <= chars; i++) {
              if (dict.has(src, starts[i], starts[i + 3])) out.push(src.slice(starts[i], starts[i + 3]));
            }
          }
        }
      }
      out.push(src.slice(a, b));
    }
    return out;
  }

  /** jieba's tag(text, false): the precise cut, each word with its part of speech. */
  tag(text: string): TaggedWord[] {
    const src = wellFormed(text);
    const n = this.collect(src);
    const spans = this.spans;
    const dict = this.dict;
    const out: TaggedWord[] = new Array(n);
    for (let t = 0; t < n; t++) {
      const a = spans[2 * t];
      const b = spans[2 * t + 1];
      const node = dict.find(src, a, b);
      const tag = node !== 0 && dict.isWord(node) ? dict.tagAt(node) : guessTag(src, a, b);
      out[t] = { word: src.slice(a, b), tag };
    }
    return out;
  }

  /** The precise cut as token spans in this.spans; returns how many. */
  private collect(text: string): number {
    const len = text.length;
    let n = 0;
    let i = 0;
    while (i < len) {
      const c = text.charCodeAt(i);
      const cp = c < 0xd800 ? c : codePointAt(text, i, c);
      if (isHan(cp)) {
        let j = i + (cp > 0xffff ? 2 : 1);
        while (j < len) {
          const d = text.charCodeAt(j);
          const dp = d < 0xd800 ? d : codePointAt(text, j, d);
          if (!isHan(dp)) break;
          j += dp > 0xffff ? 2 : 1;
        }
        n = this.cutRun(text, i, j, n);
        i = j;
      } else {
        let j = i + (cp > 0xffff ? 2 : 1);
        if (c === 0x0d && j < len && text.charCodeAt(j) === 0x0a) j++;
        n = this.push(n, i, j);
        i = j;
      }
    }
    return n;
  }

  /** Cut the han run text[start, end) along its most probable path; appends its tokens after the n-th. */
  private cutRun(text: string, start: number, end: number, n: number): number {
    const len = end - start;
    if (this.routeScore.length < len + 1) {
      const size = Math.max(len + 1, this.routeScore.length * 2);
      this.routeScore = new Float64Array(size);
      this.routeEnd = new Int32Array(size);
    }
    const score = this.routeScore;
    const route = this.routeEnd;
    const dict = this.dict;
    const unknown = dict.unknownLogProb;
    score[len] = 0;
    route[len] = 0;
    let next = len; // the character after the current one
    for (let i = end - 1; i >= start; i--) {
      const c = text.charCodeAt(i);
      if (c >= 0xdc00 && c <= 0xdfff) continue; // the second half of a pair (a run holds no lone surrogate)
      let best = Number.NaN;
      let bestEnd = -1;
      let node = dict.rootChild(c);
      let k = i;
      while (node !== 0) {
        k++;
        if (dict.isWord(node)) {
          const s = dict.wordLogProb(node) + score[k - start];
          // Rust's max_by keeps a later candidate unless the earlier one is strictly greater.
          if (!(best > s)) {
            best = s;
            bestEnd = k - start;
          }
        }
        if (k >= end) break;
        node = dict.child(node, text.charCodeAt(k));
      }
      const r = i - start;
      if (bestEnd < 0) {
        score[r] = unknown + score[next];
        route[r] = next;
      } else {
        score[r] = best;
        route[r] = bestEnd;
      }
      next = r;
    }

    // Forwards along the path, joining single ASCII letters and digits.
    let x = 0;
    let left = -1;
    while (x < len) {
      const y = route[x];
      const c = text.charCodeAt(start + x);
      if (y - x === 1 && c < 128 && ASCII_ALNUM[c] === 1) {
        if (left < 0) left = x;
      } else {
        if (left >= 0) {
          n = this.push(n, start + left, start + x);
          left = -1;
        }
        n = this.push(n, start + x, start + y);
      }
      x = y;
    }
    if (left >= 0) n = this.push(n, start + left, end);
    return n;
  }

  private push(n: number, a: number, b: number): number {
    if (2 * n + 2 > this.spans.length) {
      const grown = new Int32Array(this.spans.length * 2);
      grown.set(this.spans);
      this.spans = grown;
    }
    this.spans[2 * n] = a;
    this.spans[2 * n + 1] = b;
    return n + 1;
  }
}

// A surrogate not part of a pair. @node-rs/jieba receives texts as UTF-8, where N-API has replaced each with U+FFFD.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const LONE_SURROGATES = /[\uD800-\uDFFF]/gu;

function wellFormed(text: string): string {
  return LONE_SURROGATE.test(text) ? text.replace(LONE_SURROGATES, '\uFFFD') : text;
}

function isBmp(text: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return false;
  }
  return true;
}

/** Where each character of text[a, b) starts, and b. */
function charStarts(text: string, a: number, b: number): number[] {
  const starts: number[] = [];
  for (let i = a; i < b; ) {
    starts.push(i);
    const c = text.charCodeAt(i);
    i += codePointAt(text, i, c) > 0xffff ? 2 : 1;
  }
  starts.push(b);
  return starts;
}

/** jieba-rs's tag for a word not in the dictionary, from its ASCII letters and digits. */
function guessTag(text: string, a: number, b: number): string {
  let alnum = 0;
  let digits = 0;
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (c < 128 && ASCII_ALNUM[c] === 1) {
      alnum++;
      if (c <= 0x39) digits++;
    }
  }
  if (alnum > 0) return alnum === digits ? 'm' : 'eng';
  return 'x';
}
