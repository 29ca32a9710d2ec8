// The vector leg: an hnswlib-node HNSW graph over L2-normalized vectors (inner product = cosine).
// The raw vectors are kept beside it so refreshes reuse them and the graph can always be rebuilt.
import hnsw from 'hnswlib-node';
import type { ScoredId } from './lexical.ts';

export interface HnswParams {
  m: number;
  efConstruction: number;
  efSearch: number;
}

export const DEFAULT_HNSW: HnswParams = { m: 16, efConstruction: 200, efSearch: 128 };

export class VectorIndex {
  private constructor(
    private readonly index: hnsw.HierarchicalNSW,
    readonly dim: number,
    readonly count: number,
    private readonly efSearch: number,
  ) {}

  /** `vectors` holds `count` rows of `dim` floats, row i labelled i. */
  static build(vectors: Float32Array, dim: number, params: HnswParams = DEFAULT_HNSW): VectorIndex {
    const count = vectors.length / dim;
    if (!Number.isInteger(count)) throw new Error(`vector buffer of ${vectors.length} floats is not a multiple of ${dim}`);
    const index = new hnsw.HierarchicalNSW('ip', dim);
    index.initIndex(Math.max(1, count), params.m, params.efConstruction, 100);
    for (let i = 0; i < count; i++) index.addPoint(Array.from(vectors.subarray(i * dim, (i + 1) * dim)), i);
    index.setEf(params.efSearch);
    return new VectorIndex(index, dim, count, params.efSearch);
  }

  /** hnswlib writes in place without fsync: only ever call this inside a snapshot's temporary directory. */
  save(path: string): void {
    this.index.writeIndexSync(path);
  }

  static load(path: string, dim: number, count: number, efSearch = DEFAULT_HNSW.efSearch): VectorIndex {
    const index = new hnsw.HierarchicalNSW('ip', dim);
    index.readIndexSync(path);
    if (index.getCurrentCount() !== count) {
      throw new Error(`vector index holds ${index.getCurrentCount()} points, the snapshot lists ${count} chunks`);
    }
    index.setEf(efSearch); // ef is not saved in the file
    return new VectorIndex(index, dim, count, efSearch);
  }

  search(query: number[], k: number): ScoredId[] {
    const n = Math.min(k, this.count);
    if (n === 0) return [];
    if (this.efSearch < n) this.index.setEf(n);
    const { neighbors, distances } = this.index.searchKnn(query, n);
    // For the 'ip' space hnswlib returns 1 - dot; vectors are unit length, so 1 - d is the cosine.
    return neighbors.map((id, i) => ({ id, score: 1 - distances[i] }));
  }
}

/** Exact cosine search over the raw vectors: the recall ceiling for the HNSW graph, and a bench baseline. */
export function bruteForceSearch(vectors: Float32Array, dim: number, query: number[], k: number): ScoredId[] {
  const count = vectors.length / dim;
  const scores = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    let dot = 0;
    const base = i * dim;
    for (let j = 0; j < dim; j++) dot += vectors[base + j] * query[j];
    scores[i] = dot;
  }
  const ids = Array.from({ length: count }, (_, i) => i);
  return ids
    .sort((a, b) => scores[b] - scores[a] || a - b)
    .slice(0, k)
    .map((id) => ({ id, score: scores[id] }));
}
