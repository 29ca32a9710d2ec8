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

/** The concepts of a question: document words for everyday words, its other words of two or more characters. */
export function topicTerms(text: string, opts: TopicOptions): string[] {
  let folded = matchForm(text.replace(LABEL, ' '));
  if (opts.lexicon) folded = opts.lexicon.fixTypos(folded);
  const phrases = opts.lexicon?.phrasesIn(folded) ?? [];
  // A word inside a matched phrase ("孩子" in "孩子归谁") is already represented by the phrase.
  const words = opts.tokenizer
    .termsOfMatchForm(folded)
    .map((t) => t.term)
    .filter((w) => !phrases.some((p) => p !== w && p.includes(w)));
  const out = new Set<string>();
  for (const w of [...phrases, ...words]) {
    const entry = opts.lexicon?.entry(w);
    if (entry) for (const t of entry.targets) out.add(t);
    // One-character words ("的", "房", "钱") would join everything to everything.
    else if (w.length >= 2) out.add(w);
  }
  return [...out];
}

/** Shared concepts over the size of the smaller set (0 when either is empty). */
export function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (!a.size || !b.size) return 0;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / Math.min(a.size, b.size);
}

export interface ClusterOptions extends TopicOptions {
  /** Overlap at which two questions are about the same thing (default 0.5). */
  minSimilarity?: number;
  /** At most this many clusters are returned (default 20). */
  limit?: number;
}

/** Clusters without their nearby passages (the caller looks those up in the live index). */
export type BareCluster = Omit<GapCluster, 'near'>;

export function clusterQuestions(questions: readonly GapQuestion[], opts: ClusterOptions): BareCluster[] {
  const min = opts.minSimilarity ?? 0.5;
  const sets = questions.map((q) => new Set(topicTerms(q.text, opts)));
  const parent = questions.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  for (let i = 0; i < questions.length; i++) {
    for (let j = i + 1; j < questions.length; j++) {
      if (find(i) !== find(j) && overlap(sets[i], sets[j]) >= min) parent[find(j)] = find(i);
    }
  }
  const groups = new Map<number, number[]>();
  questions.forEach((_, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), i]);
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
