// Homophone typos fixed against the corpus's own words: citizens type by pinyin, and the IME offers the wrong
// characters for the right sound ("离婚冷净期" for 冷静期, "精神孙失费" for 精神损失费, "见症人" for 见证人).
// A run of characters is replaced by a corpus word that sounds the same (toneless pinyin) when the characters
// that differ are ones jieba could not join into a word of the question: a real word ("时候") is never touched.
// The readings come from lexicon/pinyin.tsv, compiled from CC-CEDICT by scripts/build-pinyin-index.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHIPPED_LEXICON_DIR } from './lexicon.ts';

export const SHIPPED_PINYIN = join(SHIPPED_LEXICON_DIR, 'pinyin.tsv');

/** Character -> its toneless pinyin readings ("行" -> ["xing", "hang"]). */
export type Readings = ReadonlyMap<string, readonly string[]>;

const HAN = /^\p{Script=Han}+$/u;
// Words of 2-4 characters: a one-character "word" has too many homophones, a longer one is a phrase.
const MIN_LEN = 2;
const MAX_LEN = 5;
// Function characters and pronouns are typed right or harmlessly wrong (的/地/得); "是多少" must never become
// "十多少", nor "房子她还能分" "房子塌还能分" (a collapsed house).
const FUNCTION_CHARS = new Set([...'的地得是了在和有又也就都把被给对说要会与及或而之其这那个们吗呢吧啊呀么我你您他她它俺咱谁不没还很']);
// A character with many readings multiplies the keys; past this many keys a window is left alone.
const MAX_KEYS = 16;

export function parseReadings(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [ch, readings] = line.split('\t');
    if (ch && readings) out.set(ch, readings.split(','));
  }
  return out;
}

let shipped: Map<string, string[]> | undefined;
/** The shipped readings, read once per process. */
export function shippedReadings(): Readings {
  shipped ??= parseReadings(readFileSync(SHIPPED_PINYIN, 'utf8'));
  return shipped;
}

/** Every toneless pinyin key of a word (one per combination of its characters' readings), or [] if unknown. */
export function pinyinKeys(word: string, readings: Readings): string[] {
  let keys = [''];
  for (const ch of word) {
    const r = readings.get(ch);
    if (!r) return [];
    keys = keys.flatMap((k) => r.map((s) => (k ? `${k} ${s}` : s)));
    if (keys.length > MAX_KEYS) return [];
  }
  return keys;
}

export interface HomophoneOptions {
  readings: Readings;
  /** The corpus's words (the lexical index's vocabulary). */
  vocabulary: readonly string[];
  /** How many passages use a word: the more common of two same-sounding words wins. */
  df: (word: string) => number;
  /** jieba's precise cut of a text in matching form. */
  cut: (text: string) => string[];
}

export class Homophones {
  private byKey?: Map<string, string[]>;

  constructor(private readonly opts: HomophoneOptions) {}

  /** Built on the first question that needs it: most questions are typed right and never get here. */
  private index(): Map<string, string[]> {
    if (this.byKey) return this.byKey;
    const byKey = new Map<string, string[]>();
    for (const w of this.opts.vocabulary) {
      const n = [...w].length;
      if (n < MIN_LEN || n > MAX_LEN || !HAN.test(w)) continue;
      for (const k of pinyinKeys(w, this.opts.readings)) {
        const list = byKey.get(k);
        if (list) list.push(w);
        else byKey.set(k, [w]);
      }
    }
    this.byKey = byKey;
    return byKey;
  }

  /** `text` (matching form) with its homophone typos replaced by the corpus words they sound like. */
  fix(text: string): string {
    const { df, cut, readings } = this.opts;
    // Characters jieba left on their own: where a mistyped character usually ends up ("孙", "失" in "精神孙失费").
    const single = new Set<number>();
    // A window starts and ends where jieba's words do: "目标是" never yields "标是".
    const bounds = new Set<number>([0]);
    let at = 0;
    for (const t of cut(text)) {
      if (t.length === 1 && HAN.test(t) && !FUNCTION_CHARS.has(t)) single.add(at);
      at += t.length;
      bounds.add(at);
    }
    if (!single.size) return text;
    let out = '';
    let i = 0;
    while (i < text.length) {
      let replaced = false;
      for (let n = MAX_LEN; n >= MIN_LEN && !replaced; n--) {
        if (!bounds.has(i) || !bounds.has(i + n)) continue;
        // Only a character jieba left alone may differ: a window without one has no replacement (and no keys to make).
        let alone = false;
        for (let j = i; j < i + n && !alone; j++) alone = single.has(j);
        if (!alone) continue;
        const w = text.slice(i, i + n);
        // A window holding a function character ("出了") is a phrase, not a mistyped word.
        if (w.length < n || !HAN.test(w) || df(w) > 0 || [...w].some((c) => FUNCTION_CHARS.has(c))) continue;
        let best: string | undefined;
        for (const k of pinyinKeys(w, readings)) {
          for (const c of this.index().get(k) ?? []) {
            // Every character that differs must be one jieba left alone, and at most half of them may differ.
            let differs = 0;
            let ok = true;
            for (let j = 0; j < n; j++) {
              if (c[j] === w[j]) continue;
              differs++;
              if (!single.has(i + j)) ok = false;
            }
            if (!ok || differs === 0 || differs * 2 > n) continue;
            if (!best || df(c) > df(best)) best = c;
          }
        }
        if (best) {
          out += best;
          i += n;
          replaced = true;
        }
      }
      if (!replaced) {
        out += text[i];
        i++;
      }
    }
    return out;
  }
}
