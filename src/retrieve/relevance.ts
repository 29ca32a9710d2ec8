// The "nothing relevant" decision's core measure: how much of what the question asks about a passage contains.

import type { Bm25Index } from '../index/lexical.ts';
import type { QueryTerm } from '../text/tokenize.ts';

/**
 * Share of the question's IDF mass found in at least one of the units `ids`. A term the corpus never uses weighs the most (it is
 * what the question is really about, and the corpus does not have it), except a compound whose parts the
 * corpus does use: then the parts are weighed instead ("法定年龄" -> "法定", "年龄").
 */
export function coverage(terms: QueryTerm[], lexical: Bm25Index, ids: number[]): number {
  let total = 0;
  let found = 0;
  for (const { term, parts } of relevantTerms(terms, lexical)) {
    const known = parts.filter((p) => lexical.df(p) > 0);
    const units = lexical.df(term) > 0 || known.length === 0 ? [term] : parts;
    for (const u of units) {
      const w = lexical.idf(u);
      total += w;
      if (ids.some((id) => lexical.contains(id, u))) found += w;
    }
  }
  return total ? found / total : 0;
}

const LATIN = /^[a-z][a-z0-9'-]*$/;
const HAN = /\p{Script=Han}/u;

/**
 * In an English question about Chinese documents ("what does the report say about 新质生产力"), English
 * words the corpus never uses are the question's frame, not its topic: when the question also has Chinese
 * terms, those words are left out. An all-English question keeps them, and is refused unless they match.
 */
export function relevantTerms(terms: QueryTerm[], lexical: Bm25Index): QueryTerm[] {
  if (!terms.some((t) => HAN.test(t.term))) return terms;
  return terms.filter((t) => !(LATIN.test(t.term) && lexical.df(t.term) === 0));
}
