// JSON shapes of the CLI contracts (`search --jsonl`, `ask --json/--jsonl`) and the terminal rendering.
import { sourceLabel } from '../answer/messages.ts';
import type { Retrieval } from '../retrieve/types.ts';
import type { Answer } from '../types.ts';

export function searchJson(query: string, r: Retrieval) {
  return {
    query,
    hits: r.hits.map((h) => ({
      doc: h.doc.path,
      title: h.doc.title,
      chunk: h.chunk.seq,
      text: h.chunk.text,
      score: Math.round(h.score * 1e4) / 1e4,
    })),
  };
}

export function answerJson(a: Answer) {
  return {
    question: a.question,
    answer: a.answer,
    found: a.found,
    citations: a.citations.map((c) => ({ n: c.n, doc: c.doc, title: c.title, paragraph: c.paragraph, text: c.text })),
    timings: a.timings,
  };
}

/** The answer as a person reads it in a terminal: text, then numbered sources with their quotes. */
export function renderAnswer(a: Answer): string {
  const lines = [a.answer];
  if (a.citations.length) {
    lines.push('', a.register.lang === 'en' ? 'Sources:' : '来源：');
    for (const c of a.citations) {
      lines.push(`[${c.n}] ${sourceLabel(a.register, c)} (${c.doc})`);
      lines.push(`    “${c.text}”`);
    }
  }
  return lines.join('\n');
}

export function renderHits(r: Retrieval): string {
  if (!r.hits.length) return '(no hits)';
  return (
    r.hits
      .map(
        (h, i) =>
          `${i + 1}. [${h.score.toFixed(4)}] ${h.doc.title} (${h.doc.path} #${h.chunk.seq}, paragraph ${h.chunk.paragraph})\n   ${h.chunk.text.replace(/\n/g, ' ').slice(0, 160)}`,
      )
      .join('\n') + `\nrelevant: ${r.relevant} (coverage ${r.coverage.toFixed(2)}, best cosine ${r.vectorScore.toFixed(2)})`
  );
}
