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

export interface DocInfo {
  id: string;
  path: string;
  title: string;
  date?: string;
  url?: string;
  hash: string;
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
  timings: { retrieve_ms: number; answer_ms: number };
}
