// Reading-comprehension sets turned into retrieval benchmarks: each passage is a document, each question
// has the id of the passage it was written from (gold_pid).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashDoc, type LoadedDoc } from '../../corpus/load.ts';

export interface EvalQuestion {
  qid: string;
  question: string;
  answers: string[];
  gold: string;
}

export interface RetrievalSet {
  name: string;
  docs: LoadedDoc[];
  questions: EvalQuestion[];
}

function readJsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

export function loadRetrievalSet(dir: string, limit?: number): RetrievalSet {
  const passages = readJsonl<{ pid: string; title: string; text: string }>(join(dir, 'passages.jsonl'));
  const docs = passages.map((p) => {
    const d = { id: p.pid, path: p.pid, title: p.title, text: p.text };
    return { ...d, hash: hashDoc(d) };
  });
  let questions = readJsonl<{ qid: string; question: string; answers: string[]; gold_pid: string }>(join(dir, 'questions.jsonl')).map((q) => ({
    qid: q.qid,
    question: q.question,
    answers: q.answers,
    gold: q.gold_pid,
  }));
  if (limit && limit < questions.length) {
    // A deterministic, evenly spread subset for --quick runs.
    const step = questions.length / limit;
    questions = Array.from({ length: limit }, (_, i) => questions[Math.floor(i * step)]);
  }
  return { name: dir.split('/').filter(Boolean).pop()!, docs, questions };
}
