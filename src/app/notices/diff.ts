// What a refresh changed, passage by passage: for every document, the passages only the old snapshot has, the
// ones only the new has, and pairs of old/new passages at about the same place with similar text (an edited
// sentence) reported as changed. Passages are compared by a hash of their text, so a document whose other
// paragraphs moved does not look changed where it is not.
import { createHash } from 'node:crypto';
import type { Chunk } from '../../types.ts';
import type { DocDiff, PassageRef, SnapshotDiff, SnapshotSide } from './types.ts';

/** Hash of a passage's text, whitespace removed (a re-wrapped passage is the same passage). */
export function passageHash(text: string): string {
  return createHash('sha256').update(text.replace(/\s+/g, '')).digest('hex').slice(0, 16);
}

type Doc = SnapshotSide['manifest']['docs'][number];

function refsOf(side: SnapshotSide, d: Doc): PassageRef[] {
  return side.chunks.slice(d.first, d.first + d.count).map((c: Chunk) => {
    const r: PassageRef = { doc: d.id, path: d.path, title: d.title, hash: passageHash(c.text), seq: c.seq, paragraph: c.paragraph, text: c.text };
    if (c.section) r.section = c.section;
    return r;
  });
}

/** Dice coefficient over character bigrams: how much of an edited passage stayed. */
export function similarity(a: string, b: string): number {
  const grams = (s: string) => {
    const m = new Map<string, number>();
    const t = s.replace(/\s+/g, '');
    for (let i = 0; i + 1 < t.length; i++) m.set(t.slice(i, i + 2), (m.get(t.slice(i, i + 2)) ?? 0) + 1);
    return m;
  };
  const ga = grams(a);
  const gb = grams(b);
  let shared = 0;
  let total = 0;
  for (const [g, n] of ga) shared += Math.min(n, gb.get(g) ?? 0);
  for (const n of ga.values()) total += n;
  for (const n of gb.values()) total += n;
  return total ? (2 * shared) / total : 0;
}

const PAIR_MIN = 0.5;

function diffDoc(before: PassageRef[], after: PassageRef[]): Pick<DocDiff, 'added' | 'removed' | 'changed'> {
  const afterHashes = new Set(after.map((r) => r.hash));
  const beforeHashes = new Set(before.map((r) => r.hash));
  const gone = before.filter((r) => !afterHashes.has(r.hash));
  const fresh = after.filter((r) => !beforeHashes.has(r.hash));
  const changed: DocDiff['changed'] = [];
  const used = new Set<PassageRef>();
  for (const old of gone) {
    let best: { ref: PassageRef; score: number } | undefined;
    for (const cand of fresh) {
      if (used.has(cand)) continue;
      const score = similarity(old.text, cand.text);
      if (score >= PAIR_MIN && (!best || score > best.score)) best = { ref: cand, score };
    }
    if (best) {
      used.add(best.ref);
      changed.push({ before: old, after: best.ref });
    }
  }
  const paired = new Set(changed.map((c) => c.before));
  return { removed: gone.filter((r) => !paired.has(r)), added: fresh.filter((r) => !used.has(r)), changed };
}

export function diffSnapshots(from: SnapshotSide, to: SnapshotSide): SnapshotDiff {
  const docs: DocDiff[] = [];
  const oldDocs = new Map(from.manifest.docs.map((d) => [d.id, d]));
  const newIds = new Set(to.manifest.docs.map((d) => d.id));
  for (const d of to.manifest.docs) {
    const old = oldDocs.get(d.id);
    if (!old) {
      docs.push({ doc: d.id, title: d.title, status: 'added', added: refsOf(to, d), removed: [], changed: [] });
      continue;
    }
    if (old.hash === d.hash) continue;
    const diff = diffDoc(refsOf(from, old), refsOf(to, d));
    if (diff.added.length || diff.removed.length || diff.changed.length) docs.push({ doc: d.id, title: d.title, status: 'changed', ...diff });
  }
  for (const d of from.manifest.docs) {
    if (!newIds.has(d.id)) docs.push({ doc: d.id, title: d.title, status: 'removed', added: [], removed: refsOf(from, d), changed: [] });
  }
  return { from: from.manifest.name, to: to.manifest.name, docs };
}
