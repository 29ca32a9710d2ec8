// Prompt templates: loaded from the editable files in prompts/, checked for their placeholders, and filled
// with text fenced as data (no document text can close a tag or inject a placeholder). Shared by the answerer
// and the question rewriter.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../errors.ts';

export const PROMPTS_DIR = fileURLToPath(new URL('../../prompts/', import.meta.url));

export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

export interface PromptSet {
  dir: string;
  answerSystem: string;
  answerUser: string;
  passage: string;
  rewriteSystem: string;
  rewriteUser: string;
  /** Name of the answer language by register: `en`, `simplified`, `traditional`. */
  languages: Record<'en' | 'simplified' | 'traditional', string>;
}

// Each template and the placeholders it must contain: a prompt edited into uselessness fails at start-up.
const TEMPLATES = {
  answerSystem: ['answer-system.md', []],
  answerUser: ['answer-user.md', ['passages', 'question', 'language']],
  passage: ['passage.md', ['n', 'source', 'text']],
  rewriteSystem: ['rewrite-system.md', []],
  rewriteUser: ['rewrite-user.md', ['previous', 'question']],
} as const;

const cache = new Map<string, PromptSet>();

/** Read and check every prompt file of `dir` (cached: the files are read once per process). */
export function loadPrompts(dir: string = PROMPTS_DIR): PromptSet {
  const hit = cache.get(dir);
  if (hit) return hit;
  const read = (file: string) => {
    try {
      return readFileSync(join(dir, file), 'utf8');
    } catch (cause) {
      throw new ConfigError(`cannot read the prompt file ${join(dir, file)}`, { cause });
    }
  };
  const set = { dir } as PromptSet;
  for (const [key, [file, required]] of Object.entries(TEMPLATES) as [keyof typeof TEMPLATES, (typeof TEMPLATES)[keyof typeof TEMPLATES]][]) {
    const text = stripComments(read(file));
    if (!text) throw new ConfigError(`${join(dir, file)} is empty`);
    const missing = required.filter((p) => !text.includes(`{{${p}}}`));
    if (missing.length) throw new ConfigError(`${join(dir, file)} must contain ${missing.map((p) => `{{${p}}}`).join(', ')}`);
    set[key] = text;
  }
  let languages: unknown;
  try {
    languages = JSON.parse(read('languages.json'));
  } catch (cause) {
    if (cause instanceof ConfigError) throw cause;
    throw new ConfigError(`${join(dir, 'languages.json')} is not valid JSON`, { cause });
  }
  const l = languages as Record<string, unknown>;
  if (!['en', 'simplified', 'traditional'].every((k) => typeof l?.[k] === 'string')) {
    throw new ConfigError(`${join(dir, 'languages.json')} must name the languages "en", "simplified" and "traditional"`);
  }
  set.languages = l as PromptSet['languages'];
  cache.set(dir, set);
  return set;
}

/** HTML comments are notes for the people editing the prompt, not for the model. */
function stripComments(text: string): string {
  return text.replace(/<!--[\s\S]*?-->\s*/g, '').trim();
}

/** Replace every {{name}} in one pass, so a value that itself contains "{{question}}" is never expanded. */
export function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_whole, name: string) => {
    if (!(name in vars)) throw new ConfigError(`the prompt uses {{${name}}}, which this template does not provide`);
    return String(vars[name]);
  });
}

/** Text from documents or citizens, made unable to open or close a tag in the prompt. */
export function asData(text: string): string {
  return text.replace(/</g, '＜').replace(/>/g, '＞').trim();
}
