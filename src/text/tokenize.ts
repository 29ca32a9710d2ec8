// Chinese (and Latin) tokenization with jieba's dictionary and cutting over the script-folded text. Policy terms
// quoted in the documents (“三治融合”, 《民法典》) are added to the dictionary so they survive as whole tokens.
// The cutting is ./segment/ (TypeScript, token for token what @node-rs/jieba cuts): the native jieba held ~32 MB
// of dictionary in every process, this one ~6 MB (see segment/dictionary.ts).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { matchForm } from './normalize.ts';
import { cachedDictionary } from './segment/cache.ts';
import { Segmenter } from './segment/segmenter.ts';

// Question words, function words and meta words ("文件", "请问") carry no topic. Simplified forms only:
// everything is folded to Simplified before cutting.
const STOPWORDS = new Set(
  (
    '的 了 着 过 是 在 和 与 及 或 等 也 都 就 而 被 把 对 从 向 为 以 之 其 这 那 此 该 有 个 一个 ' +
    '什么 哪些 哪个 哪里 怎么 怎样 怎么样 如何 为什么 为何 多少 几 谁 吗 呢 吧 啊 么 呀 嘛 请问 请 问 ' +
    '告诉 我 我们 你 您 你们 他 她 它 他们 它们 指 指的是 意思 含义 是否 能否 可以 会 要 还 又 ' +
    '关于 按照 根据 文件 文中 提到 提出 说 讲 一下 有关 哪 何 怎 几个 时候 什么时候 是不是 有没有 ' +
    '哪几 几种 哪几种 哪种 哪类 多久 多长 多长时间 多大 怎样才能 咋 能 能不能 需要 应该 具体 主要 包括 包含 ' +
    '方面 哪方面 内容 情况 东西 事情 相关 什么样 ' +
    // Spoken, rural and dictated question words and fillers (俺, 啥, 中不中, 嗯, 就是说): how people ask, not what.
    '俺 俺们 咱 咱们 啥 啥时候 咋 咋办 咋整 咋说 咋回事 中不中 中不 行不行 可不可以 要不要 得不得 算不算 该不该 ' +
    '嗯 哦 噢 呃 哎 哈 啦 喽 呗 哇 就是说 就是 那个 这个 这种 那种 这样 那样 一般 到底 究竟 还是 或者 ' +
    '要是 如果 假如 的话 请教 想问 问下 问问 想知道 麻烦 谢谢 帮忙 一共 总共 大概 差不多 左右 一点 ' +
    '几天 几年 几个月 几岁 几次 几分 几倍 几套 几条 多少钱 多少天 多久 最长 最多 最少 来着 呀 呢 吗 嘛 ' +
    '怎么办 怎么弄 怎么说 怎么回事 咋弄 有啥 是啥 说了啥 讲了啥 讲的 说的 规定 啥意思 什么意思 是何意 ' +
    '归谁 给谁 找谁 是谁 由谁 谁来 谁的 属于谁 跟谁 和谁 对谁 向谁 ' +
    'the a an of in on at to for and or is are was were be been do does did what which who whom when ' +
    'where why how about tell me please explain mean means meaning say says said this that these those ' +
    'it its there their with by as from document documents'
  ).split(/\s+/),
);

const CONTENT = /[\p{L}\p{N}]/u;
// jieba's HMM guesses new words from context, so the same characters split differently in a question and in a
// document ("赤字率拟按" -> "率拟" in the text, "率" in the question). Without it, unknown runs become single
// characters on both sides. Measured with `npm run eval` (on @node-rs/jieba): hit@1 0.933 -> 0.937 (drcd),
// 0.973 -> 0.979 (cmrc), in-scope questions wrongly refused 12.4% -> 9.8% and 6.9% -> 3.9%, golden fact recall
// 0.929 -> 0.944. The segmenter therefore has no HMM: it cuts as jieba does with hmm = false.
// Interrogative compounds jieba keeps whole ("哪些方面", "什么样", "怎么办") are question words too.
const INTERROGATIVE = /^(哪|什么|怎|如何|为何|为什么|多少)/;
const QUOTED = /[“「『"]([^”」』"\n]{2,12})[”」』"]|《([^》\n]{2,16})》/g;

export function isStopword(token: string): boolean {
  return STOPWORDS.has(token) || INTERROGATIVE.test(token);
}

/**
 * Terms in quotes and book-title marks, in matching form: the vocabulary citizens ask about.
 * Only short, clean terms: a quoted slogan with punctuation inside is a sentence, not a term.
 */
export function extractPolicyTerms(text: string): string[] {
  const terms = new Set<string>();
  for (const m of text.matchAll(QUOTED)) {
    const term = matchForm(m[1] ?? m[2]);
    if (term.length >= 2 && !/[\s、，,。；;：:！？!?]/.test(term) && /\p{Script=Han}/u.test(term)) terms.add(term);
  }
  return [...terms];
}

// Each Segmenter holds its own dictionary (~6 MB). Tokenizers with the same terms (the ingest that builds a snapshot
// and the engine that then serves it, in one process) share one. The last one made is held until one with other
// terms replaces it: held by a WeakRef, it was collected whenever a GC ran between the ingest and the engine, which
// then loaded the dictionary again. A Segmenter is never changed after this.
let lastSegmenter: { key: string; segmenter: Segmenter } | undefined;
// jieba's general dictionary loaded ahead of its terms (prepareTokenizer), taken by the next new instance.
let spare: Segmenter | undefined;

const DICT_FILE = createRequire(import.meta.url).resolve('@node-rs/jieba/dict.txt');
// The built dictionary is kept beside the installed packages that dict.txt comes from (node_modules/.cache/, where
// tools keep their caches), and goes with them.
const CACHE_DIR = join(dirname(DICT_FILE), '..', '..', '.cache', 'wenzheng');

/**
 * jieba's general dictionary: dict.txt (MIT licence), shipped in @node-rs/jieba, a dependency for this file alone
 * (`@node-rs/jieba/dict.js` would also read its 6 MB IDF table, never used here). Built once into CACHE_DIR:
 * parsing dict.txt takes ~0.15 s, reading the built one back a few ms (see segment/cache.ts).
 */
function generalSegmenter(): Segmenter {
  return new Segmenter(cachedDictionary(DICT_FILE, CACHE_DIR));
}

/**
 * Load jieba's general dictionary now, for the next Tokenizer (whatever its terms) to take. Ingest calls it before
 * it reads the corpus: building the dictionary (when it is not cached yet) briefly takes ~25 MB more than it keeps
 * (the file, its text and its parsed lines; measured), and at the start of a build that transient does not add to
 * the memory the build holds by its end.
 */
export function prepareTokenizer(): void {
  spare ??= generalSegmenter();
}

function sharedSegmenter(terms: readonly string[]): Segmenter {
  const key = terms.join('\n');
  if (lastSegmenter?.key === key) return lastSegmenter.segmenter;
  const segmenter = spare ?? generalSegmenter();
  spare = undefined;
  // A high frequency makes jieba keep the whole term rather than a more probable split.
  if (terms.length) segmenter.loadDict(Buffer.from(terms.map((t) => `${t} 2000 n`).join('\n') + '\n'));
  lastSegmenter = { key, segmenter };
  return segmenter;
}

// jieba's parts of speech that can name a topic: nouns (产假, 护照), abbreviations, idioms, unknown and Latin words.
// Verbs and adjectives the corpus never uses (找不着, 删了, 扑倒) describe the story: never the missing topic (relevance)
// nor the English word whose Chinese they are (query).
export const TOPIC_POS = /^(?:n[a-z]*|vn|j|l|i|x|eng)$/;

export interface QueryTerm {
  term: string;
  parts: string[];
  /**
   * jieba's part of speech from its general-language dictionary ("n" noun, "v" verb, "d" adverb, "r" pronoun,
   * "f" direction, "m" numeral, "x" not in it: a policy term or an unknown word). Tells the relevance decision
   * a question's filler ("外面", "真是", "那会儿") from its topic ("产假", "护照") when the corpus lacks both.
   */
  pos?: string;
}

export class Tokenizer {
  private readonly segmenter: Segmenter;
  readonly userTerms: readonly string[];

  constructor(userTerms: readonly string[] = []) {
    this.userTerms = [...new Set(userTerms)].sort();
    this.segmenter = sharedSegmenter(this.userTerms);
  }

  /** Tokens of text that is already in matching form (see `matchForm`). */
  tokensOfMatchForm(text: string): string[] {
    const out: string[] = [];
    for (const raw of this.segmenter.cutForSearch(text)) {
      const t = raw.trim();
      if (t && CONTENT.test(t) && !isStopword(t)) out.push(t);
    }
    return out;
  }

  /**
   * The question's terms for the relevance decision: precise-mode words (no overlapping sub-words), each
   * with its sub-words so a compound absent from the corpus ("法定年龄") can be judged by its parts.
   */
  queryTerms(text: string): QueryTerm[] {
    return this.termsOfMatchForm(matchForm(text));
  }

  /** `queryTerms` of text that is already in matching form. */
  termsOfMatchForm(text: string): QueryTerm[] {
    const terms: QueryTerm[] = [];
    // tag() cuts exactly as cut() does (precise mode), and adds each word's part of speech.
    for (const { word, tag } of this.segmenter.tag(text)) {
      const term = word.trim();
      if (!term || !CONTENT.test(term) || isStopword(term) || terms.some((t) => t.term === term)) continue;
      const parts = term.length > 2 ? this.tokensOfMatchForm(term).filter((p) => p !== term && p.length > 1) : [];
      terms.push({ term, parts, pos: tag });
    }
    return terms;
  }

  /** jieba's precise cut of text in matching form, every piece kept (punctuation and stopwords too). */
  cutMatchForm(text: string): string[] {
    return this.segmenter.cut(text);
  }

  /** Tokens of any text: folds it to matching form first. */
  tokens(text: string): string[] {
    return this.tokensOfMatchForm(matchForm(text));
  }
}
