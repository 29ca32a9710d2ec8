// Example questions for /start and /help, built from the policy terms of the indexed documents and kept
// only when the index really answers them, so a tapped example never ends in "not found".
import type { App } from '../app.ts';
import { corpusSummary } from '../ask.ts';
import { fitsButton } from './keyboards.ts';

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
    const { terms } = corpusSummary(this.app.engine, this.count * 4);
    const out: string[] = [];
    for (const term of terms) {
      if (out.length >= this.count) break;
      const q = lang === 'en' ? `What is ${term}?` : `${term}是什么？`;
      if (!fitsButton(q)) continue;
      const a = await this.app.ask(q);
      if (a.found) out.push(q);
    }
    return out;
  }
}
