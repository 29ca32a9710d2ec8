// Retrieval quality on a reading-comprehension set (each passage a document): hit@1, hit@5 and MRR@10 on the
// gold passage, counting distinct documents in rank order, for our legs and the baselines on the same data.

import type { Engine } from '../../app/engine.ts';
import type { Config } from '../../config.ts';
import { bruteForceSystem, buildOurs, fts5System, langchainSystem, oursSystem, type RetrievalSystem, type SystemName } from '../bench/systems.ts';
import type { RetrievalSet } from './datasets.ts';
import { distinctInOrder, type RetrievalScore, scoreRetrieval } from './metrics.ts';

export interface RetrievalRow {
  set: string;
  system: SystemName;
  score: RetrievalScore;
  /** Mean milliseconds per question (single process, informative only: `npm run bench` measures speed). */
  msPerQuery: number;
}

// Passages longer than a chunk give several chunks: ask for enough of them to see ten distinct documents.
const CHUNKS_PER_QUERY = 40;

export interface RetrievalEval {
  rows: RetrievalRow[];
  /** Share of the set's questions our retriever judges "nothing relevant" on their own passages: wrong refusals. */
  inDomainRefusal: number;
}

export async function evalRetrieval(set: RetrievalSet, config: Config, systems: readonly SystemName[]): Promise<RetrievalEval> {
  const ours = await buildOurs(set.docs, config);
  const rows: RetrievalRow[] = [];
  for (const name of systems) {
    const system = await makeSystem(name, ours, set, config);
    const results: { ranked: string[]; gold: string }[] = [];
    const t0 = performance.now();
    for (const q of set.questions) {
      const hits = await system.search(q.question, CHUNKS_PER_QUERY);
      results.push({ ranked: distinctInOrder(hits.map((h) => h.docId)), gold: q.gold });
    }
    const ms = (performance.now() - t0) / Math.max(1, set.questions.length);
    rows.push({ set: set.name, system: name, score: scoreRetrieval(results), msPerQuery: ms });
  }
  return {
    rows,
    inDomainRefusal: await refusalRate(
      ours.engine,
      set.questions.map((q) => q.question),
    ),
  };
}

/** Share of `questions` for which the retriever, with its configured defaults, finds nothing relevant. */
export async function refusalRate(engine: Engine, questions: readonly string[]): Promise<number> {
  let refused = 0;
  for (const q of questions) if (!(await engine.retriever.retrieve(engine.query(q))).relevant) refused++;
  return questions.length ? refused / questions.length : 0;
}

async function makeSystem(name: SystemName, ours: Awaited<ReturnType<typeof buildOurs>>, set: RetrievalSet, config: Config): Promise<RetrievalSystem> {
  switch (name) {
    case 'hybrid':
    case 'lexical':
    case 'vector':
      return oursSystem(ours, name);
    case 'bruteforce':
      return bruteForceSystem(ours);
    case 'fts5':
      return fts5System(ours);
    case 'langchain':
      return langchainSystem(set.docs, config);
  }
}
