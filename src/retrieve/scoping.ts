// From a question's scope (text/scope.ts) to the chunks retrieval may return: a skip mask for BM25 and the graph,
// the rows of a narrow scope for an exact vector search, and the chunks of an article the question cites.
import { articleLabel, type CatalogDoc, inScope, isScoped, missingDocuments, missingYears, type Scope } from '../text/scope.ts';
import type { Chunk } from '../types.ts';

// Below this many chunks in scope, the vector leg scores every one exactly instead of walking the graph.
const EXACT_ROWS = 4000;

export interface ScopedChunks {
  /** Chunks to leave out (copies, and chunks outside the scope); undefined: none. */
  skip?: Uint8Array;
  /** The chunks in scope when there are few of them. */
  rows?: number[];
  /** No document is in scope: the question names what the corpus does not have. */
  empty: boolean;
  /** Years named that no document of the named collection has ("2020年政府工作报告"). */
  missingYears: number[];
  /** Documents named that the corpus does not have ("《劳动合同法》"): such a question is not answered from others. */
  missingDocuments: string[];
  /** The chunks of the cited article, in document order. */
  article: number[];
}

export interface DocRange {
  id: string;
  first: number;
  count: number;
}

export function scopeChunks(
  scope: Scope,
  catalog: readonly CatalogDoc[],
  ranges: readonly DocRange[],
  chunks: readonly Chunk[],
  copies?: Uint8Array,
  /** Whether the documents mention a name at all: a book they discuss is not missing, only one they never name. */
  mentioned: (name: string) => boolean = () => false,
): ScopedChunks {
  const missing = missingYears(scope, catalog);
  const missingDocs = missingDocuments(scope, catalog).filter((d) => !mentioned(d));
  // An article number scopes to the laws; a corpus without a law has no articles to look up.
  if (scope.article !== undefined && !catalog.some((d) => d.meta.kind === 'law')) scope = { ...scope, article: undefined };
  if (missingDocs.length) return { empty: true, missingYears: missing, missingDocuments: missingDocs, article: [] };
  if (!isScoped(scope)) return { skip: copies, empty: false, missingYears: missing, missingDocuments: [], article: [] };
  const allowed = new Set(catalog.filter((d) => inScope(d.meta, scope)).map((d) => d.id));
  const skip = new Uint8Array(chunks.length).fill(1);
  let kept = 0;
  for (const r of ranges) {
    if (!allowed.has(r.id)) continue;
    for (let i = r.first; i < r.first + r.count; i++) {
      if (copies?.[i]) continue;
      skip[i] = 0;
      kept++;
    }
  }
  // The list of rows only when something reads it: a wide scope (a year, at 100x) keeps most of 16k chunks, and
  // listing them all was garbage with every such question.
  const rows: number[] = [];
  if (kept <= EXACT_ROWS || scope.article !== undefined) {
    for (const r of ranges) if (allowed.has(r.id)) for (let i = r.first; i < r.first + r.count; i++) if (!copies?.[i]) rows.push(i);
  }
  const article: number[] = [];
  if (scope.article !== undefined) {
    const label = articleLabel(scope.article);
    for (const i of rows) if (chunks[i].section?.endsWith(label)) article.push(i);
  }
  return { skip, rows: kept <= EXACT_ROWS ? rows : undefined, empty: kept === 0, missingYears: missing, missingDocuments: [], article };
}
