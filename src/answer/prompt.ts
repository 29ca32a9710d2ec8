// The answer prompt: the retrieved passages, numbered and fenced, and the question, in the asker's language.
import { asData, type ChatMessage, fill, type PromptSet } from '../llm/prompt.ts';
import type { Hit, Register } from '../types.ts';

export function languageOf(p: PromptSet, register: Register): string {
  return register.lang === 'en' ? p.languages.en : p.languages[register.script];
}

/** The answer prompt: system rules, then the numbered, fenced passages and the fenced question. */
export function answerMessages(p: PromptSet, question: string, register: Register, hits: Hit[]): ChatMessage[] {
  const passages = hits.map((h, i) =>
    fill(p.passage, {
      n: i + 1,
      source: asData(`《${h.doc.title}》${h.chunk.section ? ` ${h.chunk.section}` : ''}`),
      text: asData(h.chunk.text),
    }),
  );
  const user = fill(p.answerUser, { passages: passages.join('\n\n'), question: asData(question), language: languageOf(p, register) });
  return [
    { role: 'system', content: p.answerSystem },
    { role: 'user', content: user },
  ];
}
