// Topics governed by laws the corpus does not hold (lexicon/outside.tsv): 辞职 is 《劳动合同法》's, 工伤 the
// 《工伤保险条例》's. Without this list such a question is answered from the nearest words of the laws the corpus
// has (辞职 -> the Civil Code's ending of a mandate contract), which is an answer the documents do not give.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LexiconFileError, SHIPPED_LEXICON_DIR } from './lexicon.ts';

export interface OutsideTopic {
  /** The word as the question has it (matching form). */
  word: string;
  /** The law that governs it, as its title reads. */
  law: string;
}

export class OutsideTopics {
  constructor(private readonly entries: readonly OutsideTopic[]) {}

  static readonly none = new OutsideTopics([]);

  /** The file, or none when it is absent (an operator may delete it). */
  static load(file: string): OutsideTopics {
    return existsSync(file) ? new OutsideTopics(parseOutside(readFileSync(file, 'utf8'), file)) : OutsideTopics.none;
  }

  get size(): number {
    return this.entries.length;
  }

  /** The outside topics a question (matching form) names, longest word first. */
  in(matchText: string): OutsideTopic[] {
    return this.entries.filter((e) => matchText.includes(e.word)).sort((a, b) => b.word.length - a.word.length);
  }
}

/** Parse outside.tsv: `word<TAB>law`. Throws LexiconFileError naming file:line on a bad line. */
export function parseOutside(text: string, file: string): OutsideTopic[] {
  const out: OutsideTopic[] = [];
  const seen = new Set<string>();
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (!line.trim() || line.trimStart().startsWith('#')) return;
    const [word, law, ...rest] = line.split('\t');
    if (rest.length || !word?.trim() || !law?.trim()) throw new LexiconFileError(file, i + 1, 'expected two TAB-separated fields: word<TAB>law');
    const w = word.trim().normalize('NFKC').toLowerCase();
    if (seen.has(w)) throw new LexiconFileError(file, i + 1, `"${w}" appears twice; keep one line a word`);
    seen.add(w);
    out.push({ word: w, law: law.trim() });
  });
  return out;
}

let shipped: OutsideTopics | undefined;

/** The shipped lexicon/outside.tsv, read once per process. */
export function shippedOutsideTopics(): OutsideTopics {
  shipped ??= OutsideTopics.load(join(SHIPPED_LEXICON_DIR, 'outside.tsv'));
  return shipped;
}
