// Example questions for /start and /help, built from the policy terms of the indexed documents and kept
// only when the index really answers them with a sentence, so a tapped example never ends in "not found".
import type { App } from '../app/app.ts';
import { corpusSummary } from '../app/ask.ts';
import { fitsButton } from './keyboards.ts';

/** A quote shorter than this is a heading, not an answer. */
const MIN_QUOTE_CHARS = 15;

export class ExampleQuestions {
  private cache = new Map<string, Promise<string[]>>();

  constructor(
    private readonly app: App,
    private readonly count = 4,
  ) {}

  /** Up to `count` answerable questions in the UI language; computed once per snapshot and language. */
  get(lang: 'zh' | 'en'): Promise<string[]> {
    const key = `${this.app.status().snapshot}:${lang}`;
    let found = this.cache.get(key);
    if (!found) {
      found = this.compute(lang);
      this.cache.set(key, found);
    }
    return found;
  }

  private async compute(lang: 'zh' | 'en'): Promise<string[]> {
    // Terms of one or two characters ("梦想") tend to be too vague to show off the documents: try them last.
    const { terms } = corpusSummary(this.app.engine, this.count * 4);
    const ordered = [...terms.filter((t) => [...t].length >= 3), ...terms.filter((t) => [...t].length < 3)];
    const out: string[] = [];
    for (const term of ordered) {
      if (out.length >= this.count) break;
      const q = lang === 'en' ? `What is ${term}?` : `${term}是什么？`;
      if (!fitsButton(q)) continue;
      const a = await this.app.ask(q);
      if (a.found && a.citations.some((c) => [...c.text].length >= MIN_QUOTE_CHARS)) out.push(q);
    }
    return out;
  }
}
