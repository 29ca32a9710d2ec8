// Pure text normalization. Display forms keep the original script; the matching form folds width,
// whitespace and script so that Traditional and Simplified, full and half width all meet.
import type { Lang, Register, Script } from '../types.ts';
import { cnToTw, twToCn } from './script/convert.ts';

const CJK = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff';
const CJK_RE = new RegExp(`[${CJK}]`, 'g');
// A pinyin annotation: a parenthesised run of Latin letters carrying at least one tone mark, right after a
// CJK character: 鄉(xiāng)村 -> 鄉村. Real parentheses such as (黨組) or (街道) contain CJK and never match.
const TONED = 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ';
const PINYIN_RE = new RegExp(`(?<=[${CJK}])[(（]\\s*(?=[a-zü${TONED}]*[${TONED}])[a-zü${TONED}]{1,8}\\s*[)）]`, 'gi');

/** Remove pinyin annotations after CJK characters; everything else is left exactly as it was. */
export function stripPinyin(text: string): string {
  return text.replace(PINYIN_RE, '');
}

/** Full-width ASCII and ideographic space to half width (compatibility forms), for matching only. */
export function foldWidth(text: string): string {
  return text.normalize('NFKC');
}

/** Collapse runs of spaces and tabs; trim each line; keep line breaks (they mark paragraphs). */
export function cleanWhitespace(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u3000\t ]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

// 'tw' -> 'cn' also folds Taiwan variant characters; many-to-one is safe for matching because it is
// applied to both the question and the documents.
// Both converters give exactly opencc-js's Converter({ from: 'tw', to: 'cn' }) and ({ from: 'cn', to: 'tw' })
// (script/convert.ts). They are built on first use, not at import: only a Traditional asker's answer needs
// 'cn' -> 'tw' (+1.2 MiB of heap; opencc-js's trie of Maps took +40 MiB), and 'tw' -> 'cn' is +0.5 MiB.
let t2s: ((text: string) => string) | undefined;
let s2t: ((text: string) => string) | undefined;

export function toSimplified(text: string): string {
  return (t2s ??= twToCn())(text);
}

/** Simplified -> Traditional (Taiwan standard characters, no vocabulary changes). Used for display only. */
export function toTraditional(text: string): string {
  return (s2t ??= cnToTw())(text);
}

export function toScript(text: string, script: Script): string {
  return script === 'traditional' ? toTraditional(text) : toSimplified(text);
}

/** The form used by tokenizers and embeddings: no pinyin, half width, one script, lower case, tidy spaces. */
export function matchForm(text: string): string {
  return toSimplified(foldWidth(stripPinyin(text)))
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export function countCjk(text: string): number {
  return text.match(CJK_RE)?.length ?? 0;
}

/** Traditional when more characters change under T->S than under S->T; Simplified otherwise (and by default). */
export function detectScript(text: string): Script {
  const cjk = text.match(CJK_RE)?.join('') ?? '';
  if (!cjk) return 'simplified';
  const simp = toSimplified(cjk);
  let tradOnly = 0;
  for (let i = 0; i < cjk.length; i++) if (simp[i] !== cjk[i]) tradOnly++;
  // Nothing changes under T->S: Simplified whatever S->T would say, so the big converter is not built for it.
  if (tradOnly === 0) return 'simplified';
  const trad = toTraditional(cjk);
  let simpOnly = 0;
  for (let i = 0; i < cjk.length; i++) if (trad[i] !== cjk[i]) simpOnly++;
  return tradOnly > simpOnly ? 'traditional' : 'simplified';
}

const EN_FUNCTION_WORDS = new Set(
  'what which who whom whose when where why how is are was were do does did can could should would will the a an of in on about for to and or tell me please explain mean means meaning say says said document documents policy'.split(
    ' ',
  ),
);

/** English when the question has Latin words including a function word; Chinese terms inside are fine. */
export function detectLang(text: string): Lang {
  const words = text.toLowerCase().match(/[a-z]{2,}/g) ?? [];
  if (words.length < 2 || !words.some((w) => EN_FUNCTION_WORDS.has(w))) return 'zh';
  return countCjk(text) <= words.length * 4 ? 'en' : 'zh';
}

export function detectRegister(text: string): Register {
  return { lang: detectLang(text), script: detectScript(text) };
}
