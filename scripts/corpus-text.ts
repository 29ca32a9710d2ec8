// All text of a corpora folder (Markdown, plain text, JSONL string fields), in matching form, for the lexicon
// review scripts. Not the ingest loader: it only needs the words, not documents or metadata.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { matchForm } from '../src/text/normalize.ts';

export function corpusText(dir: string): string {
  const parts: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) parts.push(corpusText(path));
    else if (name.endsWith('.jsonl')) {
      for (const line of readFileSync(path, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        const row = JSON.parse(line) as Record<string, unknown>;
        parts.push(
          Object.values(row)
            .filter((v) => typeof v === 'string')
            .join('\n'),
        );
      }
    } else if (/\.(md|txt)$/.test(name)) parts.push(readFileSync(path, 'utf8'));
  }
  return parts.map(matchForm).join('\n');
}
