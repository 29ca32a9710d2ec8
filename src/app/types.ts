// Contracts of the app layer that front ends (Telegram, CLI, service metrics) read.
import type { Intent, PiiKind } from '../guard/types.ts';
import type { Answer } from '../types.ts';

/** An answer from App.ask: `question` is the question with personal data redacted, the only form to log or store. */
export interface GuardedAnswer extends Answer {
  /** What intent triage decided ('question' for an ordinary one): a label for metrics, never personal data. */
  intent: Intent;
  /** Kinds of personal data removed from the question (empty: none); the answer text already tells the citizen. */
  redacted: PiiKind[];
}
