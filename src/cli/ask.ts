// `wenzheng ask`: one answer with citations, for people (default) or tools (--json / --jsonl).
import { App } from '../app/app.ts';
import type { Config } from '../config.ts';
import { ConfigError } from '../errors.ts';
import { parse, stdinLines, withPaths, writeLine } from './args.ts';
import { answerJson, renderAnswer } from './format.ts';

export const askHelp = `wenzheng ask [--index DIR] [--json | --jsonl] [QUESTION]
  Answer a question from the indexed documents, citing the passages used.
  --json   write one JSON object: {"question", "answer", "found", "citations": [{"n", "doc", "title", "text"}], "timings"}
  --jsonl  read one question per line on stdin, write one such object per line`;

export async function runAsk(argv: string[], base: Config): Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' }, jsonl: { type: 'boolean' } });
  if (values.help) return (void console.log(askHelp), 0);
  if (values.json && values.jsonl) throw new ConfigError('use either --json or --jsonl, not both');
  const app = App.open(withPaths(base, values));
  if (values.jsonl) {
    for await (const q of stdinLines()) await writeLine(JSON.stringify(answerJson(await app.ask(q))));
    return 0;
  }
  const question = positionals.join(' ').trim();
  if (!question) throw new ConfigError('ask needs a question (or --jsonl to read questions from stdin)');
  const answer = await app.ask(question);
  if (values.json) await writeLine(JSON.stringify(answerJson(answer)));
  else console.log(renderAnswer(answer));
  return 0;
}
