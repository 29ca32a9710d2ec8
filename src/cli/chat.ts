// `wenzheng chat`: an interactive terminal conversation over the same ask() the bot uses.
import { createInterface } from 'node:readline';
import { App } from '../app/app.ts';
import { nextContext } from '../app/ask.ts';
import type { Config } from '../config.ts';
import { describeError, hintOf } from '../errors.ts';
import { parse, withPaths } from './args.ts';
import { renderAnswer } from './format.ts';

export const chatHelp = `wenzheng chat [--index DIR]
  Ask questions in the terminal. Follow-ups use the previous question as context. /sources lists the
  documents, /quit (or Ctrl-D) leaves.`;

export async function runChat(argv: string[], base: Config): Promise<number> {
  const { values } = parse(argv, {});
  if (values.help) return (void console.log(chatHelp), 0);
  return chatLoop(App.open(withPaths(base, values)));
}

export async function chatLoop(app: App): Promise<number> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  const status = app.status();
  console.log(`问政 wenzheng: ${status.docs} documents indexed. Ask a question (/sources, /quit).`);
  let previous: string | undefined;
  rl.setPrompt('问> ');
  rl.prompt();
  try {
    // The line iterator (unlike rl.question) buffers piped input and ends cleanly when stdin closes.
    for await (const raw of rl) {
      const line = raw.trim();
      if (line === '/quit' || line === '/exit') break;
      if (line === '/sources') {
        app.status().titles.forEach((t, i) => {
          console.log(`${i + 1}. 《${t}》`);
        });
      } else if (line) {
        try {
          app.reload();
          const answer = await app.ask(line, { previousQuestion: previous });
          console.log(renderAnswer(answer) + '\n');
          previous = nextContext(previous, line, answer);
        } catch (err) {
          console.error(`error: ${describeError(err)}`);
          const hint = hintOf(err);
          if (hint) console.error(`hint: ${hint}`);
        }
      }
      rl.prompt();
    }
  } finally {
    rl.close();
  }
  return 0;
}
