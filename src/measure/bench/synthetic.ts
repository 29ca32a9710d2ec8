// A large corpus of distinct text for the bench's biggest scale point. Copies of the shipped corpus give every
// passage 10 or 100 identical twins, which no real collection has and which flatter or punish systems for the
// wrong reason. Here the sentences of a pool of real documents are recombined, with a seeded generator, into new
// documents and paragraphs: every chunk is new text, postings and the vocabulary of word pairs grow as they would,
// and the run is the same every time. The shipped corpus is included once, so the golden questions still have
// their answers; pool sentences that contain a golden passage are left out, so a distractor never holds the
// passage a question cites.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCorpus } from '../../corpus/load.ts';
import { matchForm } from '../../text/normalize.ts';
import { splitParagraphs, splitSentences } from '../../text/sentences.ts';

export interface SyntheticCorpus {
  dir: string;
  docs: number;
  chars: number;
  /** Distinct sentences the documents were made of. */
  sentences: number;
}

/** A small, fast, seeded generator (mulberry32): the same corpus on every run and machine. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Distinct sentences of the pool's documents (8 characters or more), without any that holds a `banned` text. */
export async function poolSentences(poolDir: string, banned: readonly string[]): Promise<string[]> {
  const { docs } = await loadCorpus(poolDir);
  const ban = banned.map(matchForm).filter(Boolean);
  const out = new Set<string>();
  for (const d of docs) {
    for (const p of splitParagraphs(d.text)) {
      for (const s of splitSentences(d.text, p.start, p.end)) {
        const text = d.text.slice(s.start, s.end);
        if (text.length < 8 || /^#/.test(text)) continue;
        const m = matchForm(text);
        if (!ban.some((b) => m.includes(b))) out.add(text);
      }
    }
  }
  return [...out].sort();
}

/**
 * `baseDir` once (as r000/) plus new documents of recombined pool sentences, `targetChars` characters in all,
 * written under `outDir` (100 documents a folder). Documents of 2,000 to 12,000 characters, paragraphs of one to
 * five sentences.
 */
export async function synthesizeCorpus(opts: {
  baseDir: string;
  poolDir: string;
  outDir: string;
  targetChars: number;
  banned: readonly string[];
  seed?: number;
}): Promise<SyntheticCorpus> {
  const sentences = await poolSentences(opts.poolDir, opts.banned);
  if (sentences.length < 50) throw new Error(`the pool ${opts.poolDir} has only ${sentences.length} usable sentences`);
  cpSync(opts.baseDir, join(opts.outDir, 'r000'), { recursive: true });
  const base = await loadCorpus(opts.baseDir);
  let chars = base.docs.reduce((n, d) => n + d.text.length, 0);
  let docs = base.docs.length;
  const rand = seeded(opts.seed ?? 12);
  const pick = () => sentences[Math.floor(rand() * sentences.length)];
  for (let n = 1; chars < opts.targetChars; n++) {
    const size = 2000 + Math.floor(rand() * 10000);
    const lines = [`合成文件第${n}号：${pick().slice(0, 24)}`];
    let len = lines[0].length;
    while (len < size) {
      const count = 1 + Math.floor(rand() * 5);
      const para = Array.from({ length: count }, pick).join('');
      lines.push(para);
      len += para.length + 1;
    }
    const folder = join(opts.outDir, `s${String(Math.floor(n / 100)).padStart(4, '0')}`);
    mkdirSync(folder, { recursive: true });
    const text = lines.join('\n') + '\n';
    writeFileSync(join(folder, `${String(n).padStart(6, '0')}.txt`), text);
    chars += text.length;
    docs++;
  }
  return { dir: opts.outDir, docs, chars, sentences: sentences.length };
}
