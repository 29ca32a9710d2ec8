// Curated answer files, corpus/answers/*.md: YAML front matter (the question, its variants, the passages the
// answer rests on) and a body with the official wording. Parsing only; matching and checking are elsewhere.
//
//   ---
//   question: 法定结婚年龄是多少？
//   variants: [男的多大能结婚, 女的多大可以领结婚证]
//   cites:
//     - doc: 民法典-婚姻家庭编.md
//       text: 结婚年龄，男不得早于二十二周岁，女不得早于二十周岁。
//   ---
//   按照民法典第一千零四十七条，男方不得早于二十二周岁、女方不得早于二十周岁。
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { WenzhengError } from '../errors.ts';

/** A curated answer file that cannot be used as written; the message names the file and the field. */
export class CuratedFileError extends WenzhengError {
  override name = 'CuratedFileError';
  constructor(
    readonly file: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${reason}`, { ...options, hint: 'see docs/operator-loop.md for the format of corpus/answers/*.md' });
  }
}

export interface CuratedCite {
  /** The document id or path, as `npm run search` shows it. */
  doc: string;
  /** Words copied from the document: the answer is withdrawn when they are no longer there. */
  text: string;
}

export interface CuratedFile {
  file: string;
  question: string;
  variants: string[];
  cites: CuratedCite[];
  /** The official wording, served as written. */
  body: string;
}

const FrontMatter = z.object({
  question: z.string().trim().min(2),
  variants: z.array(z.string().trim().min(2)).default([]),
  cites: z.array(z.object({ doc: z.string().trim().min(1), text: z.string().trim().min(4) })).min(1, 'an answer must rest on at least one passage'),
});

const FENCE = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

export function parseCurated(file: string, text: string): CuratedFile {
  const m = FENCE.exec(text.replace(/^\uFEFF/, ''));
  if (!m) throw new CuratedFileError(file, 'no front matter: the file must start with a --- line, the fields, and another --- line');
  let raw: unknown;
  try {
    raw = parseYaml(m[1]);
  } catch (cause) {
    throw new CuratedFileError(file, `front matter is not valid YAML: ${(cause as Error).message.split('\n')[0]}`, { cause });
  }
  const parsed = FrontMatter.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CuratedFileError(file, `front matter field ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
  const body = m[2].trim();
  if (!body) throw new CuratedFileError(file, 'the body (the official wording after the front matter) is empty');
  return { file, ...parsed.data, body };
}

const isAnswerFile = (n: string) => n.endsWith('.md') && !n.startsWith('.') && !n.startsWith('_');

/** Names, sizes and modification times of the answer files: changes when an operator edits one. */
export function curatedDirSignature(dir: string): string {
  try {
    return readdirSync(dir)
      .filter(isAnswerFile)
      .sort()
      .map((n) => {
        const st = statSync(join(dir, n));
        return `${n}:${st.size}:${st.mtimeMs}`;
      })
      .join('|');
  } catch {
    return '';
  }
}

/**
 * Every *.md in `dir`, parsed; a bad file is returned with its error instead of stopping the others.
 * Synchronous: a handful of small files, read again only when their signature changes.
 */
export function loadCuratedDir(dir: string): { answers: CuratedFile[]; problems: CuratedFileError[] } {
  let names: string[];
  try {
    names = readdirSync(dir).filter(isAnswerFile).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { answers: [], problems: [] };
    throw new CuratedFileError(dir, 'cannot read the curated answers folder', { cause: err });
  }
  const answers: CuratedFile[] = [];
  const problems: CuratedFileError[] = [];
  for (const name of names) {
    try {
      answers.push(parseCurated(name, readFileSync(join(dir, name), 'utf8')));
    } catch (err) {
      problems.push(err instanceof CuratedFileError ? err : new CuratedFileError(name, (err as Error).message, { cause: err }));
    }
  }
  return { answers, problems };
}
