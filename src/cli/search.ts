// `wenzheng search`: the retriever alone, for operators and evaluation tools.
import { App } from '../app/app.ts';
import type { Config } from '../config.ts';
import { ConfigError } from '../errors.ts';
import { parse, positiveInt, stdinLines, withPaths, writeLine } from './args.ts';
import { renderHits, searchJson } from './format.ts';

export const searchHelp = `wenzheng search [--index DIR] [-k N] [--jsonl] [QUESTION]
  Show the passages retrieved for a question.
  --jsonl  read one question per line on stdin, write one JSON object per line:
           {"query", "hits": [{"doc", "title", "chunk", "text", "score"}]}`;

export async function runSearch(argv: string[], base: Config): Promise<number> {
  const { values, positionals } = parse(argv, { k: { type: 'string', short: 'k' }, jsonl: { type: 'boolean' } });
  if (values.help) return (void console.log(searchHelp), 0);
  const k = positiveInt(values.k, '-k');
  const app = App.open(withPaths(base, values));
  if (values.jsonl) {
    for await (const q of stdinLines()) await writeLine(JSON.stringify(searchJson(q, await app.search(q, k))));
    return 0;
  }
  const question = positionals.join(' ').trim();
  if (!question) throw new ConfigError('search needs a question (or --jsonl to read questions from stdin)');
  console.log(renderHits(await app.search(question, k)));
  return 0;
}
