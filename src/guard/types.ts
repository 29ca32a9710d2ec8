// Contracts of the guard stage: personal data, intent triage, planted instructions and claim checks.
// Every guard function is pure and expects text already folded to Simplified, half width (matchForm-like);
// callers fold once and pass the folded text in. Nothing here reads config: numbers arrive in options.

/** Kinds of personal data the redactor recognises. */
/** `name`: only a name the asker gives as their own (我叫王建军，); names in general are not detectable offline. */
export type PiiKind = 'id' | 'mobile' | 'landline' | 'bankcard' | 'email' | 'plate' | 'name';

/** One piece of personal data found in a text: `text.slice(start, end)` is the matched original. */
export interface PiiMatch {
  kind: PiiKind;
  start: number;
  end: number;
}

export interface Redaction {
  /** The text with each match replaced by its label, e.g. `[身份证号]`. */
  text: string;
  /** Distinct kinds found, in order of first appearance (empty: nothing was redacted). */
  found: PiiKind[];
}

export type Intent =
  | 'greeting'
  | 'thanks'
  | 'crisis'
  | 'complaint'
  /** A request for somebody else's personal data ("查一下张三的电话"). */
  | 'others-data'
  /** "我能不能领…", "我符合…条件吗": a label only, answered from the documents like any question. */
  | 'eligibility'
  | 'question';

/**
 * What the front end should do with a triaged message:
 * - `reply`: send the fixed reply only (a greeting, a crisis message, a request for someone's data);
 * - `answer-with-note`: answer from the documents as usual and add the fixed reply as a note (a legal question
 *   that mentions 投诉, or a first-person crisis phrase inside a legal question: the hotline is never withheld);
 * - `answer`: the ordinary pipeline.
 */
export type Handling = 'reply' | 'answer-with-note' | 'answer';

export interface Triage {
  intent: Intent;
  /** 0..1, how sure the rules are; fixed per rule, so equal messages always get equal numbers. */
  confidence: number;
  handling: Handling;
  /** The phrase that decided the intent, for logs and metrics (never personal data: it comes from a lexicon). */
  cue?: string;
}

/** Numbers quoted in the fixed replies. Defaults are national numbers in mainland China. */
export interface HotlineOptions {
  /** National psychological assistance hotline. */
  psychological: string;
  police: string;
  ambulance: string;
  /** Government service hotline for complaints and reports. */
  government: string;
}

/** A sentence in a document flagged as addressed to an assistant rather than to readers. */
export interface PlantedSpan {
  start: number;
  end: number;
  /** The phrase that flagged it. */
  cue: string;
}

/** One sentence of an LLM answer with the passage numbers it cites. */
export interface ClaimSentence {
  /** The sentence as written, markers included. */
  text: string;
  /** The sentence without its `[n]` markers. */
  claim: string;
  /** 1-based passage numbers cited by this sentence, in order, without duplicates. */
  cites: number[];
}

export type DropReason =
  /** The sentence cites a passage number that was not given. */
  | 'unknown-passage'
  /** A number, date, 《title》, quoted term or name-like token is missing from every cited passage. */
  | 'missing-fact'
  /** Too few of the sentence's content words appear in any cited passage. */
  | 'unsupported-words';

export interface DroppedClaim {
  sentence: ClaimSentence;
  reason: DropReason;
  /** The facts or words that were not found (matching form), for logs and tests. */
  missing: string[];
}

export interface ClaimCheck {
  kept: ClaimSentence[];
  dropped: DroppedClaim[];
  /** Sentences without any `[n]` marker: neither kept as supported nor dropped; the caller decides. */
  uncited: ClaimSentence[];
}
