// The act a how-to question asks for ("离婚证丢了去哪补办" -> 补办, "公积金怎么提取出来" -> 提取). Laws and reports say
// what the rules are, rarely how an office does a thing: a passage that never names the act asked ("补办", "换证",
// "领回") does not answer how to do it, however many of the question's other words it holds (离婚证 is in the
// article on divorce registration; how to replace a lost one is not). Measured on 30 close out-of-scope questions
// written outside the repository: 13 -> 8 answered; the citizen dev set and hold-out unchanged (docs/evaluation.md).
import type { Query } from '../text/query.ts';

// A spoken question word of manner or place, then words that only frame the act. Not the written 如何, 怎样, 哪里:
// reading-comprehension questions ask with them what a passage says ("此政策如何影响农业"), and with them the DRCD
// questions refused on their own passages went from 1.5% to 6.4% (`npm run eval`).
const ASKS_HOW = /(?:怎么|咋|去哪儿?|到哪儿?|上哪儿?)(?:样|才能|能|可以|要|去|来|才|办理|进行)*(\p{Script=Han}{2,4})/u;
// Acts that ask what the rules are, or that name no act of their own: the law's passage answers them in its words.
const GENERIC = /^(?:回事|说的|规定|处理|解决|办|认定|证明|保护|维权|分配|计算|判|算|分|写|样|理解|看待|界定|处罚|赔|赔偿|负责|承担|区分|划分|定|确定|选择)/;

/** The act asked for, as one of the question's tokens of two characters or more; undefined for other questions. */
export function askedAct(query: Pick<Query, 'matchText' | 'tokens'>): string | undefined {
  const m = ASKS_HOW.exec(query.matchText);
  if (!m || GENERIC.test(m[1])) return undefined;
  return query.tokens.find((t) => [...t].length >= 2 && m[1].startsWith(t));
}

/** Whether `text` names the act, in its own word or in a document word the lexicon gives for it. */
export function namesAct(act: string, query: Pick<Query, 'expansions'>, text: string): boolean {
  return text.includes(act) || query.expansions.some((e) => e.from === act && text.includes(e.term));
}
