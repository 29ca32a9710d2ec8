// Document expansion for law articles: the everyday words of the situation an article decides ("借钱 没说什么时候还
// 欠条" for the article on loans without a repayment date), read from lexicon/situations.tsv and added to the text
// the search index sees for that article, never to what a citizen is shown. Query-side expansion (everyday.tsv)
// maps one word to one word; a citizen's story ("俺哥借了俺五万块，没打欠条，也没说啥时候还") shares almost no word
// with the article, and only the article's own situation words bring them together. This is document expansion as
// in doc2query, written by hand from the law text because no model may be downloaded here.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LexiconFileError, SHIPPED_LEXICON_DIR } from './lexicon.ts';
import { parseNumeral } from './numerals.ts';

/** The documents the article keys name: the Civil Code, in any of its books. */
const LAW = /民法典/;
const ARTICLE_KEY = /^第(\d{1,4})条$/;
/** The last article label of a chunk's section ("第五章 机动车交通事故责任 第一千二百零八条"). */
const ARTICLE_IN_SECTION = /第([零〇一二两三四五六七八九十百千\d]+)条(?!.*第[零〇一二两三四五六七八九十百千\d]+条)/;
const MAX_WORDS = 40;
// How the words are indexed (tokens and character pairs, see situationPairs): part of the fingerprint, so a
// snapshot indexed the older way is rebuilt rather than patched.
const INDEXING = 'tokens+pairs';

export class Situations {
  /**
   * @param words article number -> its situation words, space-separated
   * @param fingerprint changes whenever an entry does: a snapshot built with other words is rebuilt, not patched
   */
  constructor(
    private readonly words: ReadonlyMap<number, string>,
    readonly fingerprint: string,
  ) {}

  static readonly none = new Situations(new Map(), '');

  /** The situations file, or none when it is absent (an operator may delete it to turn expansion off). */
  static load(file: string): Situations {
    if (!existsSync(file)) return Situations.none;
    const text = readFileSync(file, 'utf8');
    return new Situations(parseSituations(text, file), createHash('sha256').update(`${INDEXING}\n${text}`).digest('hex').slice(0, 16));
  }

  get size(): number {
    return this.words.size;
  }

  /** The situation words for a chunk of a document titled `title` with section `section`, or '' for none. */
  wordsFor(title: string, section: string | undefined): string {
    if (!this.words.size || !section || !LAW.test(title)) return '';
    const m = ARTICLE_IN_SECTION.exec(section);
    const n = m ? parseNumeral(m[1]) : undefined;
    return (n !== undefined && this.words.get(n)) || '';
  }
}

/** Parse situations.tsv: `第1063条<TAB>词 词 词`. Throws LexiconFileError naming file:line on a bad line. */
export function parseSituations(text: string, file: string): Map<number, string> {
  const out = new Map<number, string>();
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (!line.trim() || line.trimStart().startsWith('#')) return;
    const [key, words, ...rest] = line.split('\t');
    const at = i + 1;
    const m = ARTICLE_KEY.exec(key ?? '');
    if (!m) throw new LexiconFileError(file, at, `"${key}" is not an article key; write it as 第1063条 (Arabic digits), then a TAB`);
    if (rest.length || !words?.trim()) throw new LexiconFileError(file, at, 'expected two TAB-separated fields: 第N条<TAB>words separated by spaces');
    const list = words.trim().split(/ +/);
    if (list.length > MAX_WORDS)
      throw new LexiconFileError(file, at, `${list.length} words; keep an entry to ${MAX_WORDS} or fewer, the article's own situation`);
    // The index folds what it reads (script, width, case), so "AA制" here finds "aa制" in a question.
    const folded = list.join(' ').normalize('NFKC').toLowerCase();
    const n = Number(m[1]);
    if (out.has(n)) throw new LexiconFileError(file, at, `第${n}条 appears twice; keep one line an article`);
    out.set(n, folded);
  });
  return out;
}

let shipped: Situations | undefined;

/** The shipped lexicon/situations.tsv, read once per process (ingest and the eval build share it). */
export function shippedSituations(): Situations {
  shipped ??= Situations.load(join(SHIPPED_LEXICON_DIR, 'situations.tsv'));
  return shipped;
}

/**
 * The pairs of adjacent Han characters of a text's runs ("结婚前他" -> 结婚 婚前 前他). Situation words are indexed,
 * and questions matched, by these as well as by jieba's words: the two sides are cut differently ("结婚前" is one
 * word in a question, "婚前买房" is 婚前/买房 in the situations), and the pairs meet where the words do not.
 */
export function situationPairs(text: string): string[] {
  const out = new Set<string>();
  for (const run of text.match(/\p{Script=Han}{2,}/gu) ?? []) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1]);
  }
  return [...out];
}
