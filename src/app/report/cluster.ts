// Gap questions grouped by what they ask about. Each question becomes a set of concepts: its precise-mode
// words in matching form (typos fixed), where an everyday word or phrase the lexicon knows ("新农合", "孩子归谁")
// is replaced by the document words it stands for, so "新农合一年交多少钱" and "农村医保每年交多少钱" meet on
// 新型农村合作医疗. Two questions are linked when at least half of the smaller set is shared (overlap
// coefficient: short questions have two or three concepts, and Jaccard would keep them apart); clusters are
// the connected groups, so the result does not depend on the order of the log. Ranked by distinct askers:
// one person asking ten times is one unmet need.

import type { Lexicon } from '../../text/lexicon.ts';
import { matchForm } from '../../text/normalize.ts';
import type { Tokenizer } from '../../text/tokenize.ts';
import type { GapCluster, GapQuestion } from './types.ts';

export interface TopicOptions {
  tokenizer: Pick<Tokenizer, 'termsOfMatchForm'>;
  lexicon?: Pick<Lexicon, 'fixTypos' | 'phrasesIn' | 'entry'>;
}

// Redaction labels ([手机号]) say a number was there, not what was asked.
const LABEL = /\[[^\]]{1,6}\]/g;
// Politeness and urgency carry no topic, and one of them shared by two short questions would join them.
const FILLER = new Set(
  '谢谢 感谢 多谢 麻烦 你好 您好 急 着急 急急 在线 在线等 求助 请教 大家 知道 不知道 一下 问下 想问 咨询 了解 现在 今年 我们 我家 我们家 朋友 怎么办'.split(
    ' ',
  ),
);

/** The concepts of a question: document words for everyday words, its other words of two or more characters. */
export function topicTerms(text: string, opts: TopicOptions): string[] {
  let folded = matchForm(text.replace(LABEL, ' '));
  if (opts.lexicon) folded = opts.lexicon.fixTypos(folded);
  const phrases = opts.lexicon?.phrasesIn(folded) ?? [];
  // A word inside a matched phrase ("孩子" in "孩子归谁") is already represented by the phrase.
  const words = opts.tokenizer
    .termsOfMatchForm(folded)
    .map((t) => t.term)
    .filter((w) => !FILLER.has(w) && !phrases.some((p) => p !== w && p.includes(w)));
  const out = new Set<string>();
  for (const w of [...phrases, ...words]) {
    const entry = opts.lexicon?.entry(w);
    if (entry) for (const t of entry.targets) out.add(t);
    // One-character words ("的", "房", "钱") would join everything to everything.
    else if (w.length >= 2) out.add(w);
  }
  return [...out];
}

/**
 * Shared concepts over the smaller set (0 when either is empty), each concept counted with its weight: with
 * corpus IDF as the weight, sharing "申请" says little and sharing "新型农村合作医疗" says a lot.
 */
export function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>, weight: (term: string) => number = () => 1): number {
  let shared = 0;
  let wa = 0;
  let wb = 0;
  for (const t of a) {
    wa += weight(t);
    if (b.has(t)) shared += weight(t);
  }
  for (const t of b) wb += weight(t);
  const min = Math.min(wa, wb);
  return min > 0 ? shared / min : 0;
}

export interface ClusterOptions extends TopicOptions {
  /** Overlap at which two questions are about the same thing (default 0.5). */
  minSimilarity?: number;
  /** How specific a concept is (default 1 for all); the report passes the live index's IDF. */
  weight?: (term: string) => number;
  /** At most this many clusters are returned (default 20). */
  limit?: number;
}

/** Clusters without their nearby passages (the caller looks those up in the live index). */
export type BareCluster = Omit<GapCluster, 'near'>;

export function clusterQuestions(questions: readonly GapQuestion[], opts: ClusterOptions): BareCluster[] {
  const min = opts.minSimilarity ?? 0.5;
  const sets = questions.map((q) => new Set(topicTerms(q.text, opts)));
  const weights = new Map<string, number>();
  const weight = (t: string) => {
    let w = weights.get(t);
    if (w === undefined) weights.set(t, (w = opts.weight?.(t) ?? 1));
    return w;
  };
  // Questions with the same concepts are one node (logs repeat themselves), and only nodes that share a
  // concept are compared (an inverted index): 5,000 questions take well under a second instead of seconds.
  const nodeOf = new Map<string, number>();
  const nodeSets: Set<string>[] = [];
  const node = sets.map((set) => {
    const key = [...set].sort().join('\u0001');
    let n = nodeOf.get(key);
    if (n === undefined) {
      nodeOf.set(key, (n = nodeSets.length));
      nodeSets.push(set);
    }
    return n;
  });
  const parent = nodeSets.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  const postings = new Map<string, number[]>();
  nodeSets.forEach((set, i) => {
    for (const t of set) {
      const list = postings.get(t);
      if (list) list.push(i);
      else postings.set(t, [i]);
    }
  });
  nodeSets.forEach((set, i) => {
    const candidates = new Set<number>();
    for (const t of set) for (const j of postings.get(t)!) if (j > i) candidates.add(j);
    for (const j of [...candidates].sort((a, b) => a - b)) {
      if (find(i) !== find(j) && overlap(set, nodeSets[j], weight) >= min) parent[find(j)] = find(i);
    }
  });
  const groups = new Map<number, number[]>();
  questions.forEach((_, i) => {
    const root = find(node[i]);
    const g = groups.get(root);
    if (g) g.push(i);
    else groups.set(root, [i]);
  });
  const clusters = [...groups.values()].map((members) => describe(members, questions, sets));
  clusters.sort((a, b) => b.users - a.users || b.refused + b.downvoted - (a.refused + a.downvoted) || b.lastAt - a.lastAt);
  return clusters.slice(0, opts.limit ?? 20);
}

function describe(members: number[], questions: readonly GapQuestion[], sets: Set<string>[]): BareCluster {
  const count = new Map<string, number>();
  for (const i of members) for (const t of sets[i]) count.set(t, (count.get(t) ?? 0) + 1);
  // Terms most members share first; a longer term before its own parts at equal counts (离婚协议 before 离婚).
  const ranked = [...count.entries()].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length || a[0].localeCompare(b[0]));
  const shared = ranked.filter(([, n]) => members.length === 1 || n >= 2).map(([t]) => t);
  const byTime = [...members].sort((a, b) => questions[b].at - questions[a].at);
  const examples: string[] = [];
  for (const i of byTime) if (!examples.includes(questions[i].text) && examples.length < 5) examples.push(questions[i].text);
  return {
    terms: shared.slice(0, 6),
    users: new Set(members.map((i) => questions[i].asker)).size,
    refused: members.filter((i) => questions[i].why === 'refused').length,
    downvoted: members.filter((i) => questions[i].why === 'downvoted').length,
    examples,
    lastAt: questions[byTime[0]].at,
  };
}
