// Curated answers: an operator's official wording for a question the documents answer badly, served when a
// citizen's question is close enough, with citations to the passages it rests on. Before a snapshot serves a
// curated answer, every cited passage is looked up in it; a passage that changed or disappeared withdraws the
// answer (listed as stale in the report, never served). The check runs once per snapshot, so a refresh that
// goes live re-checks everything before the first question it answers.

import type { Lexicon } from '../text/lexicon.ts';
import { matchForm, toScript } from '../text/normalize.ts';
import type { Tokenizer } from '../text/tokenize.ts';
import type { Chunk, Citation, DocInfo, Register } from '../types.ts';
import { type CuratedFile, type CuratedFileError, curatedDirSignature, loadCuratedDir } from './curated-file.ts';
import type { AnswerDraft } from './types.ts';

/** What the check and the matching read of a snapshot (an Engine fits). */
export interface CuratedSnapshot {
  manifest: { name: string; docs: readonly (DocInfo & { first: number; count: number })[] };
  chunks: readonly Chunk[];
  tokenizer: Pick<Tokenizer, 'tokensOfMatchForm'>;
}

export interface LiveCurated {
  file: string;
  question: string;
  body: string;
  citations: Citation[];
  /** Token sets of the question and each variant. */
  keys: Set<string>[];
}

export interface StaleCurated {
  file: string;
  question: string;
  reasons: string[];
}

export interface CuratedStatus {
  snapshot: string;
  live: LiveCurated[];
  stale: StaleCurated[];
}

export interface CuratedOptions {
  /** Jaccard of token sets at which a question gets the curated answer. */
  minSimilarity: number;
  lexicon?: Pick<Lexicon, 'fixTypos' | 'phrasesIn' | 'expand'>;
}

export interface CuratedDraft extends Omit<AnswerDraft, 'source'> {
  source: 'curated';
  file: string;
  similarity: number;
}

// Whitespace is layout, not content: a passage re-wrapped by a new conversion is the same passage.
const compact = (s: string) => matchForm(s).replace(/\s+/g, '');
const clip = (s: string, n = 30) => (s.length > n ? `${s.slice(0, n)}…` : s);

/** The tokens of a question in matching form, typos fixed, with the document words its everyday words expand to. */
export function curatedTokens(text: string, tokenizer: Pick<Tokenizer, 'tokensOfMatchForm'>, lexicon?: CuratedOptions['lexicon']): Set<string> {
  let folded = matchForm(text);
  if (lexicon) folded = lexicon.fixTypos(folded);
  const tokens = tokenizer.tokensOfMatchForm(folded);
  const expanded = lexicon ? lexicon.expand([...tokens, ...lexicon.phrasesIn(folded)]).map((e) => e.term) : [];
  return new Set([...tokens, ...expanded]);
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  const union = a.size + b.size - shared;
  return union ? shared / union : 0;
}

/** Each curated answer checked against a snapshot: live with citations into it, or stale with the reasons. */
export function checkCurated(
  files: readonly CuratedFile[],
  snap: CuratedSnapshot,
  opts: Pick<CuratedOptions, 'lexicon'> = {},
): Omit<CuratedStatus, 'snapshot'> {
  const live: LiveCurated[] = [];
  const stale: StaleCurated[] = [];
  for (const f of files) {
    const reasons: string[] = [];
    const citations: Citation[] = [];
    for (const cite of f.cites) {
      const doc = snap.manifest.docs.find((d) => d.id === cite.doc || d.path === cite.doc);
      if (!doc) {
        reasons.push(`document ${cite.doc} is no longer in the index`);
        continue;
      }
      const chunk = findPassage(snap.chunks.slice(doc.first, doc.first + doc.count), compact(cite.text));
      if (!chunk) {
        reasons.push(`passage changed or removed in 《${doc.title}》: “${clip(cite.text)}”`);
        continue;
      }
      citations.push(citationOf(citations.length + 1, doc, chunk, cite.text));
    }
    if (reasons.length) stale.push({ file: f.file, question: f.question, reasons });
    else {
      const keys = [f.question, ...f.variants].map((q) => curatedTokens(q, snap.tokenizer, opts.lexicon));
      live.push({ file: f.file, question: f.question, body: f.body, citations, keys });
    }
  }
  return { live, stale };
}

// The chunk holding the passage; one that straddles a chunk boundary is cited from the chunk where it starts.
function findPassage(chunks: readonly Chunk[], needle: string): Chunk | undefined {
  const texts = chunks.map((c) => compact(c.text));
  const i = texts.findIndex((t) => t.includes(needle));
  if (i >= 0) return chunks[i];
  if (!texts.join('').includes(needle)) return undefined;
  const head = needle.slice(0, Math.min(12, needle.length));
  return chunks[texts.findIndex((t) => t.includes(head))] ?? chunks[0];
}

function citationOf(n: number, doc: DocInfo, chunk: Chunk, quote: string): Citation {
  const c: Citation = { n, doc: doc.path, title: doc.title, paragraph: chunk.paragraph, text: quote, passage: chunk.text };
  if (chunk.section) c.section = chunk.section;
  if (chunk.page) c.page = chunk.page;
  if (doc.url) c.url = doc.url;
  return c;
}

export class CuratedAnswers {
  private cache?: CuratedStatus;
  private signature = '';
  private checkedAt = 0;

  constructor(
    private files: readonly CuratedFile[],
    private problems: readonly CuratedFileError[],
    private readonly opts: CuratedOptions & {
      /** The folder to re-read when its files change (an operator edits an answer without a new snapshot). */
      dir?: string;
      /** Look at the folder at most this often (ms, default 10 s). */
      recheckMs?: number;
      now?: () => number;
    },
  ) {}

  /** Reads `dir` (corpus/answers); a missing folder means no curated answers. Edits are picked up later. */
  static load(dir: string, opts: CuratedOptions & { recheckMs?: number; now?: () => number }): CuratedAnswers {
    const c = new CuratedAnswers([], [], { ...opts, dir });
    c.reloadIfChanged(true);
    return c;
  }

  // A refresh that only touched corpus/answers/ writes no snapshot (the loader skips the folder), so the
  // folder is watched by its signature instead: a cheap readdir + stat, at most every recheckMs.
  private reloadIfChanged(force = false): void {
    const dir = this.opts.dir;
    if (!dir) return;
    const now = (this.opts.now ?? Date.now)();
    if (!force && now - this.checkedAt < (this.opts.recheckMs ?? 10_000)) return;
    this.checkedAt = now;
    const sig = curatedDirSignature(dir);
    if (!force && sig === this.signature) return;
    this.signature = sig;
    ({ answers: this.files, problems: this.problems } = loadCuratedDir(dir));
    this.cache = undefined;
  }

  get size(): number {
    this.reloadIfChanged();
    return this.files.length + this.problems.length;
  }

  /** Live and withdrawn answers against this snapshot (checked once per snapshot and per edit of the files);
   * unreadable files are stale. */
  status(snap: CuratedSnapshot): CuratedStatus {
    this.reloadIfChanged();
    if (this.cache?.snapshot !== snap.manifest.name) {
      const checked = checkCurated(this.files, snap, this.opts);
      const unreadable = this.problems.map((p) => ({ file: p.file, question: '', reasons: [p.message] }));
      this.cache = { snapshot: snap.manifest.name, live: checked.live, stale: [...checked.stale, ...unreadable] };
    }
    return this.cache;
  }

  /**
   * The curated answer for a question, when one is close enough and still rests on the live snapshot. The body
   * is served as written (in the asker's script); without [n] markers it gets them at the end.
   */
  answerFor(snap: CuratedSnapshot, question: string, register?: Register): CuratedDraft | undefined {
    const { live } = this.status(snap);
    if (!live.length) return undefined;
    const asked = curatedTokens(question, snap.tokenizer, this.opts.lexicon);
    let best: { entry: LiveCurated; similarity: number } | undefined;
    for (const entry of live) {
      const similarity = Math.max(...entry.keys.map((k) => jaccard(asked, k)));
      if (similarity >= this.opts.minSimilarity && (!best || similarity > best.similarity)) best = { entry, similarity };
    }
    if (!best) return undefined;
    const { entry } = best;
    let body = /\[\d{1,2}\]/.test(entry.body) ? entry.body : `${entry.body}${entry.citations.map((c) => `[${c.n}]`).join('')}`;
    if (register?.lang === 'en') body = `The official answer (in Chinese):\n${body}`;
    else if (register?.script === 'traditional') body = toScript(body, 'traditional');
    return { answer: body, found: true, citations: entry.citations, source: 'curated', file: entry.file, similarity: round(best.similarity) };
  }
}

const round = (v: number) => Math.round(v * 1000) / 1000;
