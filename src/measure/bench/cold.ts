// A baseline's cold start, run as its own process by the bench (jobs.ts times it from spawn to exit): load the
// saved index from disk as that system would after a restart, and print its passages for one question. Ours is
// timed through the real CLI (`wenzheng ask`), which also composes the answer.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../config.ts';
import { createEmbeddingProvider } from '../../index/embeddings/create.ts';
import { bruteForceSearch, VectorIndex } from '../../index/vector.ts';
import { Fts5Index } from './fts5.ts';

export interface ColdJob {
  system: 'fts5' | 'bruteforce' | 'langchain';
  workDir: string;
  question: string;
  k: number;
}

const job = JSON.parse(process.argv[2] ?? '{}') as ColdJob;
const config = loadConfig(process.env);
let texts: string[];
if (job.system === 'fts5') {
  const index = Fts5Index.open(join(job.workDir, 'fts5.sqlite'));
  texts = index.search(job.question, job.k).map((h) => index.body(h.id));
} else {
  const provider = createEmbeddingProvider(config.embeddings);
  provider.restoreState?.(readFileSync(join(job.workDir, 'embedding.bin')));
  const q = await provider.embeddings.embedQuery(job.question);
  const dim = provider.info.dim;
  if (job.system === 'bruteforce') {
    const raw = readFileSync(join(job.workDir, 'vectors.f32'));
    const vectors = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
    const chunks = readFileSync(join(job.workDir, 'chunks.jsonl'), 'utf8').split('\n');
    texts = bruteForceSearch(vectors, dim, q, job.k).map((h) => JSON.parse(chunks[h.id]).text as string);
  } else {
    const windows = JSON.parse(readFileSync(join(job.workDir, 'docstore.json'), 'utf8')) as { text: string }[];
    const index = VectorIndex.load(join(job.workDir, 'hnswlib.index'), dim, windows.length);
    texts = index.search(q, job.k).map((h) => windows[h.id].text);
  }
}
process.stdout.write(`${texts.length} passages\n`);
