// Contracts of change notices: what a subscription remembers, what changed between two snapshots, and the
// notice texts the Telegram side sends (it owns buttons, rate limits across refreshes and delivery).
import type { Chunk, Register } from '../../types.ts';

/** A passage by content: the hash survives re-chunking of unchanged text and changes when a word does. */
export interface PassageRef {
  /** Document id (path, plus #n for a record of a collection file). */
  doc: string;
  path: string;
  title: string;
  /** Hash of the passage text with whitespace removed (16 hex). */
  hash: string;
  seq: number;
  paragraph: number;
  section?: string;
  text: string;
}

export interface DocDiff {
  doc: string;
  title: string;
  /** Whole document added or removed, or some of its passages changed. */
  status: 'added' | 'removed' | 'changed';
  added: PassageRef[];
  removed: PassageRef[];
  /** A passage replaced by a similar one at about the same place (an edited sentence, a new figure). */
  changed: { before: PassageRef; after: PassageRef }[];
}

export interface SnapshotDiff {
  from: string;
  to: string;
  docs: DocDiff[];
}

/** What diffSnapshots reads of a snapshot (an Engine or loaded SnapshotData fits). */
export interface SnapshotSide {
  manifest: { name: string; docs: readonly { id: string; path: string; title: string; hash: string; first: number; count: number }[] };
  chunks: readonly Chunk[];
}

/** `data` of a SubscriptionSet row: an answer whose cited passages are followed. */
export interface AnswerSubscription {
  kind: 'answer';
  /** Redacted. */
  question: string;
  register: Register;
  cited: { doc: string; title: string; section?: string; hash: string }[];
}

/** `data` of a SubscriptionSet row: a refused question, followed until a refresh lets it be answered. */
export interface RefusedSubscription {
  kind: 'refused';
  question: string;
  register: Register;
}

export type SubscriptionData = AnswerSubscription | RefusedSubscription;

/** A refused question a new snapshot answers (the caller asked it again). */
export interface NowAnswered {
  subscriptionId: string;
  answer: string;
  citations: { title: string; section?: string; paragraph: number; text: string }[];
}

export interface Notice {
  /** The SubscriptionSet owner: where to send it. */
  owner: string;
  /** The subscriptions it reports on: the one-tap opt-out removes these (or all of the owner's). */
  subscriptionIds: string[];
  text: string;
}
