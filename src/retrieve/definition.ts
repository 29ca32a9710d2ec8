// "What is X?" is the question citizens ask most ("什么是三治融合", "what is 三治融合"). The passage that
// defines X ("遗产是自然人死亡时遗留的…", "“三治融合”") often uses X once, so BM25 ranks passages that merely
// repeat X above it. Recognising the question and the defining passage lets the retriever put it first.
import { matchForm } from '../text/normalize.ts';
import { escapeRegExp } from '../text/regex.ts';

const PATTERNS = [
  /^(?:请问)?(?:什么是|什么叫|何为|何谓|啥是)([^?？。!！\s，,]{2,16}?)[?？。!！]*$/,
  /^(?:请问)?([^?？。!！\s，,]{2,16}?)(?:是什么|是指什么|指的是什么|指什么|是啥|是什么意思|的含义是什么|的意思是什么|的定义是什么)[?？。!！]*$/,
  /^(?:what|who)\s+(?:is|are|was|were)\s+(?:the\s+|a\s+|an\s+)?([^?？。!！\s，,]{2,16}?)\s*\??$/i,
  /^what\s+does\s+([^?？。!！\s，,]{2,16}?)\s+mean\s*\??$/i,
];

/** The term a definition question (in matching form) asks about, or undefined for any other question. */
export function definitionSubject(matchText: string): string | undefined {
  const q = matchText.trim();
  for (const re of PATTERNS) {
    const m = re.exec(q);
    if (m && /\p{Script=Han}/u.test(m[1])) return m[1].replace(/[“”"「」《》]/g, '').trim();
  }
  return undefined;
}

/** Whether text (any script) defines `subject`: "X是…", "X指…", "X，是…", or names it in quotes. */
export function definesSubject(text: string, subject: string): boolean {
  return definitionTest(subject)(matchForm(text));
}

/** The test of `definesSubject` for text already in matching form, its pattern built once for many passages. */
export function definitionTest(subject: string): (folded: string) => boolean {
  const s = escapeRegExp(subject);
  const re = new RegExp(`${s}(?:[,，]?(?:是指|是|指|即)|”)|“${s}`);
  return (folded) => re.test(folded);
}
