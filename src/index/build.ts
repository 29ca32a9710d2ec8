// Documents -> chunks, vectors and both search indexes, in memory. With a reusable (live) snapshot, a document
// whose content hash is unchanged keeps its chunks and vectors, even if it moved or was renamed: only new or
// changed text is embedded. Documents of files that became unreadable can be kept as they were indexed.
import type { Config } from '../config.ts';
import { chunkDocument } from '../corpus/chunk.ts';
import { docChars, type LoadedDoc } from '../corpus/load.ts';
import { docMetadata } from '../corpus/metadata.ts';
import { EmbeddingError } from '../errors.ts';
import { lexiconFor } from '../text/lexicon.ts';
import { matchForm } from '../text/normalize.ts';
import { type Situations, shippedSituations, situationPairs } from '../text/situations.ts';
import { extractPolicyTerms, Tokenizer } from '../text/tokenize.ts';
import type { Chunk, DocInfo } from '../types.ts';
import type { EmbeddingProvider } from './embeddings/types.ts';
import { type FlatFile, FlatIndex } from './flat.ts';
import { Bm25Builder } from './lexical.ts';
import type { ManifestDoc, ReusableSnapshot, SnapshotData, StoredParts } from './snapshot.ts';
import { VectorIndex, type VectorSearch } from './vector.ts';

/** Long work, for progress bars: `done` of `total` units of one stage. */
export interface BuildProgress {
  stage: 'embed' | 'tokenize' | 'graph';
  done: number;
  total: number;
}

export interface BuildOptions {
  reusable?: ReusableSnapshot;
  /** Documents of the reusable snapshot to carry over as they are (their file is unreadable now). */
  keep?: ManifestDoc[];
  /** Extra words for the tokenizer dictionary (the lexicon's terms), stored with the snapshot's terms. */
  userTerms?: readonly string[];
  /** Situation words for law articles (default: the shipped lexicon/situations.tsv); Situations.none for none. */
  situations?: Situations;
  onEmbed?: (done: number, total: number) => void;
  /**
   * Keep every row's float32 vector in the result (`data.vectors`) even when the flat index does not need it (the
   * evaluation's exact-search baseline reads them). An HNSW build always keeps them: its snapshot stores them.
   */
  keepVectors?: boolean;
  onProgress?: (p: BuildProgress) => void;
}

/** Rows embedded and quantized at a time into the flat index: 2 MB of float32 at 1,024 dimensions. */
const FLAT_BLOCK = 512;

export interface BuiltIndex {
  /** `vectors`: every row as float32, for an HNSW build or with `keepVectors`; a flat build keeps only its int8 index. */
  data: Omit<SnapshotData, 'manifest' | 'vectors'> & { vectors?: Float32Array };
  docs: ManifestDoc[];
  embedded: number;
  ms: { chunk: number; embed: number; index: number };
}

/**
 * The text both legs index for a chunk: its document title and section give it context, and a law article's
 * situation words (text/situations.ts) let everyday wording find it. Citizens are shown `chunk.text` only.
 */
export function indexText(title: string, chunk: Chunk, situations?: Situations): string {
  const words = situations?.wordsFor(title, chunk.section);
  return [title, chunk.section ?? '', chunk.text, ...(words ? [words] : [])].join('\n');
}

export function docInfo(d: LoadedDoc | ManifestDoc): DocInfo {
  const info: DocInfo = { id: d.id, path: d.path, title: d.title, hash: d.hash };
  if (d.date) info.date = d.date;
  if (d.url) info.url = d.url;
  info.meta = 'meta' in d && d.meta ? d.meta : docMetadata({ path: d.path, title: d.title, date: d.date, fields: 'fields' in d ? d.fields : undefined });
  return info;
}

/** Chunks of `doc` in a new build: copied from the reusable snapshot when its content is there, else made. */
function chunksFor(doc: LoadedDoc, old: ManifestDoc | undefined, live: Chunk[] | undefined, config: Pick<Config, 'chunk'>) {
  if (!old || !live) return { chunks: chunkDocument(doc, config.chunk), from: -1 };
  const chunks = live.slice(old.first, old.first + old.count);
  return { chunks: old.id === doc.id ? chunks : chunks.map((c) => ({ ...c, docId: doc.id })), from: old.first };
}

type BuildConfig = Pick<Config, 'chunk' | 'embeddings'> & Partial<Pick<Config, 'lexicon'>>;

/** Every index of the corpus, in memory, ready to search (or to write). */
export async function buildIndex(docs: LoadedDoc[], config: BuildConfig, provider: EmbeddingProvider, opts: BuildOptions = {}): Promise<BuiltIndex> {
  const { postings, data, ...built } = await buildParts(docs, config, provider, opts);
  const t = performance.now();
  const lexical = postings.build();
  // Without a file to write it to, the flat index was built in memory.
  const vectorIndex = data.vectorIndex as VectorSearch;
  return { ...built, data: { ...data, vectorIndex, lexical }, ms: { ...built.ms, index: built.ms.index + performance.now() - t } };
}

/** A build only to be written as a snapshot: its indexes in their stored forms (see buildForSnapshot). */
export interface BuiltForSnapshot extends Omit<BuiltIndex, 'data'> {
  data: Omit<BuiltIndex['data'], 'lexical' | 'vectorIndex'> & { lexical: StoredParts; vectorIndex: VectorSearch | FlatFile };
}

/**
 * What ingest builds: the same indexes, but neither the lexical one nor the hash embedding's flat one is made in
 * memory, since a search loads them from the snapshot. The lexical index's builder writes its stored form when
 * the snapshot is written (Bm25Builder.serializedParts): the built index's arrays beside the builder's doubled
 * the postings' memory at the build's end. The flat index is quantized into `flatFile` (the snapshot's
 * vectors.q8, see openSnapshotDir) a block of rows at a time (FlatIndex.fileBuilder): the whole matrix was 16 MB
 * at 100x distinct. Other providers' vectors and graph are built as by buildIndex.
 */
export async function buildForSnapshot(
  docs: LoadedDoc[],
  config: BuildConfig,
  provider: EmbeddingProvider,
  opts: BuildOptions & { flatFile?: string } = {},
): Promise<BuiltForSnapshot> {
  const { postings, ...built } = await buildParts(docs, config, provider, opts, opts.flatFile);
  return { ...built, data: { ...built.data, lexical: { serializedParts: () => postings.serializedParts() } } };
}

async function buildParts(
  docs: LoadedDoc[],
  config: BuildConfig,
  provider: EmbeddingProvider,
  opts: BuildOptions,
  flatFile?: string,
): Promise<
  Omit<BuiltIndex, 'data'> & { data: Omit<BuiltIndex['data'], 'lexical' | 'vectorIndex'> & { vectorIndex: VectorSearch | FlatFile }; postings: Bm25Builder }
> {
  const t0 = performance.now();
  const { reusable } = opts;
  const byHash = new Map(reusable?.manifest.docs.map((d) => [d.hash, d]) ?? []);
  const chunks: Chunk[] = [];
  const manifestDocs: ManifestDoc[] = [];
  const reuseFrom: number[] = []; // per chunk: row of the reused vector in the live snapshot, or -1
  // Per chunk: an earlier row of this build with the same indexed text (the same content in another file: a notice
  // filed in two folders), or -1. Its folding, tokens and vector are the earlier row's, made once.
  const sameAs: number[] = [];
  const add = (info: DocInfo, terms: string[], made: { chunks: Chunk[]; from: number; twin?: number }, doc?: LoadedDoc) => {
    const first = chunks.length;
    made.chunks.forEach((c, i) => {
      chunks.push(c);
      reuseFrom.push(made.from < 0 ? -1 : made.from + i);
      sameAs.push(made.twin === undefined ? -1 : made.twin + i);
    });
    // Its file's stamp lets a later refresh reuse this entry unread; a kept document (its file unreadable) has none.
    const stamp = doc?.source ? { source: doc.source, chars: docChars(doc) } : {};
    manifestDocs.push({ ...info, first, count: made.chunks.length, terms, ...stamp });
  };
  // Documents made in this build, by content hash: the hash covers everything chunking and indexing read (title,
  // text, pages), so a later document with the same hash has the same chunks but for its id.
  const made = new Map<string, ManifestDoc>();
  for (const doc of docs) {
    const old = byHash.get(doc.hash);
    // An unread document (a refresh reused it by its file's stamp) has no text: only the live snapshot's chunks do.
    if (!old && doc.chars !== undefined && !doc.text) throw new Error(`${doc.id} was not read, and the live snapshot has no chunks for it`);
    const twin = old ? undefined : made.get(doc.hash);
    if (twin) {
      const copied = chunks.slice(twin.first, twin.first + twin.count).map((c) => ({ ...c, docId: doc.id }));
      add(docInfo(doc), twin.terms, { chunks: copied, from: -1, twin: twin.first }, doc);
      continue;
    }
    add(docInfo(doc), old ? old.terms : extractPolicyTerms(doc.text), chunksFor(doc, old, reusable?.chunks, config), doc);
    if (!old) made.set(doc.hash, manifestDocs[manifestDocs.length - 1]);
  }
  for (const old of opts.keep ?? []) {
    add(docInfo(old), old.terms, { chunks: reusable!.chunks.slice(old.first, old.first + old.count), from: old.first });
  }
  const tChunk = performance.now();

  const titles = new Map(manifestDocs.map((d) => [d.id, d.title]));
  const situations = opts.situations ?? shippedSituations();
  const textOf = (c: Chunk) => indexText(titles.get(c.docId)!, c, situations);
  // A law article's situation words: the vector leg embeds them with the text; the lexical leg indexes them as a
  // field of their own (SITUATION_FIELD), which questions reach at a lower weight, so they are cut off again below.
  const situationOf = new Map<number, string>();
  chunks.forEach((c, i) => {
    const words = situations.wordsFor(titles.get(c.docId)!, c.section);
    if (words) situationOf.set(i, ` ${matchForm(words)}`);
  });
  // The matching form (script and width folding), computed once: the tokenizer and the hash embedding both need it.
  // A provider that embeds the matching form never needs the texts themselves, so they are not kept.
  let folded: string[] | undefined = [];
  for (let i = 0; i < chunks.length; i++) folded.push(sameAs[i] < 0 ? matchForm(textOf(chunks[i])) : folded[sameAs[i]]);
  let texts = provider.folded ? undefined : chunks.map(textOf);
  // A fitted embedding (the hash provider's IDF) stays frozen across refreshes so reused vectors stay valid.
  await provider.init?.();
  if (reusable) provider.restoreState?.(reusable.embeddingState);
  else if (provider.folded) fitOnce(provider.folded, folded, sameAs);
  else provider.fit?.(texts!);
  const dim = provider.info.dim;
  const embedded = reuseFrom.filter((row) => row < 0).length;
  const onEmbed = (done: number, total: number) => {
    opts.onEmbed?.(done, total);
    opts.onProgress?.({ stage: 'embed', done, total });
  };
  const embedder: Embedder = { provider, texts, folded, sameAs, batchSize: config.embeddings.batchSize, reusable, onEmbed, done: 0, total: embedded };
  // The flat index is filled a block of rows at a time: only with `keepVectors` is every float32 row held at once.
  // Written straight to the snapshot's file when the build is only to be written (buildForSnapshot).
  const flat = provider.flatSearch
    ? flatFile
      ? FlatIndex.fileBuilder(flatFile, dim, chunks.length, copiedAcrossBlocks(reuseFrom, sameAs))
      : FlatIndex.builder(dim, chunks.length)
    : undefined;
  const vectors = !flat || opts.keepVectors ? new Float32Array(chunks.length * dim) : undefined;
  onEmbed(0, embedded);
  if (flat) {
    const block = vectors ? undefined : new Float32Array(FLAT_BLOCK * dim);
    for (let first = 0; first < chunks.length; first += FLAT_BLOCK) {
      const end = Math.min(chunks.length, first + FLAT_BLOCK);
      const out = vectors ? vectors.subarray(first * dim, end * dim) : block!.subarray(0, (end - first) * dim).fill(0);
      await fillRows(embedder, reuseFrom, first, end, out, vectors);
      flat.add(out, first);
      // A copy of a row of an earlier block, whose floats are gone: its quantized row is copied (the same codes).
      if (!vectors) for (let i = first; i < end; i++) if (reuseFrom[i] < 0 && sameAs[i] >= 0 && sameAs[i] < first) flat.copy(sameAs[i], i);
    }
  } else await fillRows(embedder, reuseFrom, 0, chunks.length, vectors!, vectors);
  texts = embedder.texts = undefined; // embedded: only the matching form is read from here on
  const tEmbed = performance.now();

  // The lexicon's legal and policy terms join the documents' quoted terms in jieba's dictionary, so documents
  // and everyday questions split alike ("发育儿补贴" -> 发/育儿补贴); the snapshot keeps the list it was built with.
  const terms = [...new Set([...manifestDocs.flatMap((d) => d.terms), ...(opts.userTerms ?? lexiconFor(config.lexicon ?? {}).userTerms())])].sort();
  const tokenizer = new Tokenizer(terms);
  // Each chunk's tokens go into the index as they are cut: all the token lists at once were the build's peak.
  const postings = new Bm25Builder();
  const total = chunks.length;
  folded.forEach((t, i) => {
    if (i % 500 === 0) opts.onProgress?.({ stage: 'tokenize', done: i, total });
    const situation = situationOf.get(i);
    if (sameAs[i] >= 0)
      postings.addCopy(sameAs[i]); // a copy's postings are its original's
    else if (situation && t.endsWith(situation)) {
      const words = [...new Set([...tokenizer.tokensOfMatchForm(situation), ...situation.split(' ').flatMap(situationPairs)])];
      postings.add(tokenizer.tokensOfMatchForm(t.slice(0, t.length - situation.length)), words);
    } else postings.add(tokenizer.tokensOfMatchForm(t));
  });
  folded = undefined; // dropped before the postings are packed and the graph is built
  embedder.folded = undefined;
  opts.onProgress?.({ stage: 'tokenize', done: total, total });
  const vectorIndex = flat ? flat.finish() : graphFor(vectors!, dim, reuseFrom, reusable, opts.onProgress);
  const tIndex = performance.now();
  return {
    postings,
    data: { chunks, terms, vectors, vectorIndex, embeddingState: provider.saveState?.() },
    docs: manifestDocs,
    embedded,
    ms: { chunk: tChunk - t0, embed: tEmbed - tChunk, index: tIndex - tEmbed },
  };
}

/**
 * Rows whose quantized codes a later block copies (FlatIndex.fileBuilder keeps those): the originals of embedded
 * copies (sameAs) in an earlier block of FLAT_BLOCK rows, which the block loop of buildParts copies in the index.
 */
function copiedAcrossBlocks(reuseFrom: readonly number[], sameAs: readonly number[]): Set<number> {
  const sources = new Set<number>();
  sameAs.forEach((j, i) => {
    if (reuseFrom[i] < 0 && j >= 0 && j < i - (i % FLAT_BLOCK)) sources.add(j);
  });
  return sources;
}

/** The IDF fit over each distinct row once, counted as many times as it occurs. */
function fitOnce(provider: NonNullable<EmbeddingProvider['folded']>, folded: readonly string[], sameAs: readonly number[]): void {
  if (!sameAs.some((j) => j >= 0)) {
    provider.fit(folded);
    return;
  }
  const times = new Map<number, number>();
  sameAs.forEach((j, i) => {
    const row = j < 0 ? i : j;
    times.set(row, (times.get(row) ?? 0) + 1);
  });
  const rows = [...times.keys()];
  provider.fit(
    rows.map((r) => folded[r]),
    rows.map((r) => times.get(r)!),
  );
}

/** The live graph patched with the changes when a refresh can, else a new graph. */
function graphFor(
  vectors: Float32Array,
  dim: number,
  reuseFrom: number[],
  reusable: ReusableSnapshot | undefined,
  onProgress?: (p: BuildProgress) => void,
): VectorIndex {
  const progress = (done: number, total: number) => onProgress?.({ stage: 'graph', done, total });
  let patched: VectorIndex | undefined;
  try {
    patched = reusable?.graph?.().patch({ reuseFrom, vectors }, progress);
  } catch {
    patched = undefined; // an unreadable live graph is no reason to fail: build a new one
  }
  return patched ?? VectorIndex.build(vectors, dim, undefined, (done) => progress(done, reuseFrom.length));
}

/** What filling rows needs: the provider and its inputs, the live rows to reuse, and progress over all blocks. */
interface Embedder {
  provider: EmbeddingProvider;
  texts?: string[];
  folded?: string[];
  /** Per row: an earlier row of this build it copies, or -1 (see buildIndex). */
  sameAs: readonly number[];
  batchSize: number;
  reusable?: ReusableSnapshot;
  onEmbed: (done: number, total: number) => void;
  done: number;
  total: number;
}

/**
 * Rows `first` .. `end` (exclusive) into `out` (row r at (r - first) * dim, zero where rows are embedded):
 * reused rows copied from the live snapshot, the others embedded in batches.
 */
async function fillRows(e: Embedder, reuseFrom: readonly number[], first: number, end: number, out: Float32Array, all?: Float32Array): Promise<void> {
  const { provider, batchSize } = e;
  const dim = provider.info.dim;
  const rows: number[] = [];
  const copies: number[] = [];
  for (let i = first; i < end; ) {
    const from = reuseFrom[i];
    if (from < 0) {
      if (e.sameAs[i] >= 0) copies.push(i);
      else rows.push(i);
      i++;
      continue;
    }
    // A run of consecutive live rows (a reused document's chunks) is copied in one go.
    let n = 1;
    while (i + n < end && reuseFrom[i + n] === from + n) n++;
    e.reusable!.copyRows(from, n, out, i - first);
    i += n;
  }
  for (let i = 0; i < rows.length; i += batchSize) {
    const batch = rows.slice(i, i + batchSize);
    if (provider.folded) provider.folded.embedInto(e.folded!, batch, out, first);
    else {
      const vecs = await provider.embeddings.embedDocuments(batch.map((r) => e.texts![r]));
      if (vecs.length !== batch.length) throw new EmbeddingError(`the embedding provider returned ${vecs.length} vectors for ${batch.length} texts`);
      vecs.forEach((v, j) => {
        if (v.length !== dim) throw new EmbeddingError(`the embedding provider returned ${v.length} dimensions, expected ${dim}`);
        out.set(v, (batch[j] - first) * dim);
      });
    }
    e.done += batch.length;
    e.onEmbed(e.done, e.total);
  }
  // Copies of earlier rows: from this block, or from every row when they are all kept (an earlier block's rows are
  // copied in the flat index by the caller).
  for (const i of copies) {
    const j = e.sameAs[i];
    const source = j >= first ? out.subarray((j - first) * dim, (j - first + 1) * dim) : all?.subarray(j * dim, (j + 1) * dim);
    if (source) out.set(source, (i - first) * dim);
  }
  if (copies.length) {
    e.done += copies.length;
    e.onEmbed(e.done, e.total);
  }
}
