// A ready-to-query index: one snapshot's data with its tokenizer, embedding provider and retriever.
// Immutable once built; a reload builds a new engine and swaps the reference.

import type { Config } from '../config.ts';
import { docMetadata } from '../corpus/metadata.ts';
import { createEmbeddingProvider } from '../index/embeddings/create.ts';
import type { EmbeddingProvider } from '../index/embeddings/types.ts';
import type { SnapshotData } from '../index/snapshot.ts';
import { HybridRetriever } from '../retrieve/hybrid.ts';
import { LexicalLeg, VectorLeg } from '../retrieve/legs.ts';
import { type EnglishBridge, shippedEnglishBridge } from '../text/english.ts';
import { Homophones, shippedReadings } from '../text/homophones.ts';
import { type Lexicon, lexiconFor } from '../text/lexicon.ts';
import { matchForm } from '../text/normalize.ts';
import { shippedOutsideTopics } from '../text/outside.ts';
import { makeQuery, type Query } from '../text/query.ts';
import type { CatalogDoc } from '../text/scope.ts';
import { Tokenizer } from '../text/tokenize.ts';
import type { Chunk, DocInfo, Register } from '../types.ts';

/** The raw vectors are left out: the vector index holds or reads what search needs, and a refresh reads them from disk. */
export interface Engine extends Omit<SnapshotData, 'vectors'> {
  docs: Map<string, DocInfo>;
  tokenizer: Tokenizer;
  provider: EmbeddingProvider;
  retriever: HybridRetriever;
  loadedAt: Date;
  lexicon: Lexicon;
  /** Every document with its metadata (year, collection, book), for scoping and the refusal's summary. */
  catalog: CatalogDoc[];
  /** The question understood with this snapshot's tokenizer (its policy terms are in the dictionary). */
  query(text: string, register?: Register): Query;
}

export function createEngine(
  // A build's data carries the raw vectors, a loaded snapshot does not; the engine keeps none.
  data: Omit<SnapshotData, 'vectors'> & { vectors?: Float32Array },
  config: Pick<Config, 'embeddings' | 'retrieve'> & Partial<Pick<Config, 'lexicon'>>,
  provider: EmbeddingProvider = createEmbeddingProvider(config.embeddings),
): Engine {
  provider.restoreState?.(data.embeddingState);
  const tokenizer = new Tokenizer(data.terms);
  // Snapshots written before metadata existed get it derived here, from the same title and date.
  const withMeta = data.manifest.docs.map((d) => (d.meta ? d : { ...d, meta: docMetadata(d) }));
  const docs = new Map<string, DocInfo>(withMeta.map((d) => [d.id, d]));
  const catalog: CatalogDoc[] = withMeta.map((d) => ({ id: d.id, title: d.title, meta: d.meta! }));
  const lexicon = lexiconFor(config.lexicon ?? {});
  const quoted = new Set(data.terms);
  let english: EnglishBridge | undefined;
  let folded: string | undefined;
  const foldedText = () => (folded ??= data.chunks.map((c) => matchForm(c.text)).join('\n'));
  // A document word is known when every token of it occurs in the index; an expansion to anything else is noise.
  // A word jieba cuts into single characters (工签 -> 工/签, but also 托育, 送养) is known only when the documents
  // have it as written: its characters alone are everywhere ("work visa" -> 工签 matched 工 and 签 in any passage).
  const spelled = new Map<string, boolean>();
  const known = (term: string) => {
    const parts = tokenizer.tokensOfMatchForm(term);
    if (!parts.length || !parts.every((t) => data.lexical.df(t) > 0)) return false;
    if (parts.some((t) => t.length > 1) || term.length < 2) return true;
    let found = spelled.get(term);
    if (found === undefined) spelled.set(term, (found = quoted.has(term) || foldedText().includes(term)));
    return found;
  };
  const readings = shippedReadings();
  const homophones = new Homophones({
    readings,
    // A typo is fixed only towards a word citizens ask about: a corpus word of three or more characters (见证人,
    // 精神损失费), or a two-character one the lexicon or the documents' quoted terms name (收养, 解除). Common
    // two-character words (见到, 除了, 把握) are where a right question would be "corrected" wrongly.
    vocabulary: [
      ...data.lexical.vocab.filter((w) => w.length >= 3),
      ...lexicon.documentWords().filter((w) => w.length === 2 && data.lexical.df(w) > 0),
      ...quoted,
    ],
    df: (w) => data.lexical.df(w),
    cut: (t) => tokenizer.cutMatchForm(t),
  });
  const readers = {
    lexicon,
    english: () => (english ??= shippedEnglishBridge(lexicon)),
    known,
    catalog,
    homophones: (t: string) => homophones.fix(t),
    readings,
  };
  const r = config.retrieve;
  const retriever = new HybridRetriever(
    {
      chunks: data.chunks,
      copies: copiesOf(data.chunks),
      docs,
      catalog,
      ranges: data.manifest.docs,
      lexical: data.lexical,
      tokensOf: (text) => tokenizer.tokensOfMatchForm(text),
      // A long title ("《关于开展文明提升工程推进乡村文化振兴的实施意见》") is no term of the index: the text is searched,
      // folded once on the first question that names a document (a few ms a question after that, even at 100x).
      mentioned: (name) => quoted.has(name) || data.lexical.df(name) > 0 || foldedText().includes(name),
      legs: { lexical: new LexicalLeg(data.lexical), vector: new VectorLeg(data.vectorIndex, provider.embeddings) },
      outside: shippedOutsideTopics(),
    },
    {
      topK: r.topK,
      candidates: r.candidates,
      fusion: r.fusion,
      k: r.fusionK,
      lexicalWeight: r.lexicalWeight,
      vectorWeight: r.vectorWeight,
      minCoverage: r.minCoverage,
      minVectorScore: r.minVectorScore,
    },
  );
  const { vectors: _vectors, ...kept } = data;
  return {
    ...kept,
    docs,
    tokenizer,
    provider,
    retriever,
    loadedAt: new Date(),
    lexicon,
    catalog,
    query: (text, register) => makeQuery(text, tokenizer, register, readers),
  };
}

/** Flags every chunk whose text is the same as an earlier chunk's; undefined when there is none. */
export function copiesOf(chunks: readonly Chunk[]): Uint8Array | undefined {
  const seen = new Set<string>();
  const flags = new Uint8Array(chunks.length);
  let any = false;
  chunks.forEach((c, i) => {
    if (seen.has(c.text)) {
      flags[i] = 1;
      any = true;
    } else seen.add(c.text);
  });
  return any ? flags : undefined;
}
