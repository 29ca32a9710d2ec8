// The data that flows through the pipeline: load -> normalize -> chunk -> index -> retrieve -> answer.

/** A document as loaded from the corpus. `text` is what offsets point into. */
export interface SourceDoc {
  /** Stable id: the path relative to the corpus dir, plus `#n` for one record of a collection file. */
  id: string;
  /** Path relative to the corpus dir (forward slashes). */
  path: string;
  title: string;
  date?: string;
  url?: string;
  text: string;
  /** Page boundaries for paged formats (PDF): `pageStarts[i]` is the offset where page i+1 begins. */
  pageStarts?: number[];
  /** Front matter or record fields that set the metadata by hand: kind, collection, year, book. */
  fields?: Record<string, string>;
}

/** A retrievable unit: whole sentences from one document, with offsets into `SourceDoc.text`. */
export interface Chunk {
  docId: string;
  /** Index of this chunk within its document. */
  seq: number;
  /** 1-based index of the paragraph where the chunk starts. */
  paragraph: number;
  /** Nearest heading or article label ("第一千零四十二条"), when the document has them. */
  section?: string;
  /** 1-based page where the chunk starts, for paged formats. */
  page?: number;
  start: number;
  end: number;
  /** Display text: the original slice with pinyin annotations and markup removed, original script. */
  text: string;
}

export type DocKind = 'work-report' | 'npc-resolution' | 'law' | 'local' | 'other';

/** What a citizen names a document by: its collection, its year, its book (see corpus/metadata.ts). */
export interface DocMeta {
  kind: DocKind;
  /** The collection a citizen would name: "国务院政府工作报告", "民法典", or the document's own title. */
  collection: string;
  /** The year the document is about (a report's year; a resolution's session year). Laws have none. */
  year?: number;
  /** For a law split into books: "婚姻家庭编", "总则". */
  book?: string;
}

export interface DocInfo {
  id: string;
  path: string;
  title: string;
  date?: string;
  url?: string;
  hash: string;
  /** Derived at ingest; snapshots written before it have none (the engine derives it then). */
  meta?: DocMeta;
}

export interface Hit {
  chunkId: number;
  chunk: Chunk;
  doc: DocInfo;
  score: number;
  lexicalRank?: number;
  vectorRank?: number;
  lexicalScore?: number;
  vectorScore?: number;
}

export type Script = 'simplified' | 'traditional';
export type Lang = 'zh' | 'en';

/** How the question is written: the answer is written the same way. */
export interface Register {
  lang: Lang;
  script: Script;
}

export interface Citation {
  n: number;
  doc: string;
  title: string;
  paragraph: number;
  section?: string;
  page?: number;
  url?: string;
  /** The year of the document (a report's year), when it has one. */
  year?: number;
  /** The quoted sentences, in the document's original script. */
  text: string;
  /** The whole chunk the quote comes from, for "show the full passage". */
  passage: string;
}

export interface Answer {
  question: string;
  answer: string;
  found: boolean;
  citations: Citation[];
  register: Register;
  /** Which answerer wrote it: 'extractive', 'llm', 'refusal', or an operator's curated answer (issue 14). */
  source: 'extractive' | 'llm' | 'refusal' | 'curated';
  /** How strongly the documents answer (0..1), the score the answer/refuse decision was made on. */
  answerability?: number;
  timings: { retrieve_ms: number; answer_ms: number };
}
