// Named errors, one class per cause, so callers (CLI, bot) can pick a message without parsing strings.

export class WenzhengError extends Error {
  override name = 'WenzhengError';
  /** What the operator can do about it ("run `npm run ingest` to build it"), kept out of the message so code
   * that reuses the message (a refresh explaining why it re-embeds everything) need not cut it back out. */
  readonly hint?: string;
  constructor(message: string, options?: { cause?: unknown; hint?: string }) {
    super(message, options);
    if (options?.hint) this.hint = options.hint;
  }
}

/** Bad configuration (environment or CLI flags). The message names the variable. */
export class ConfigError extends WenzhengError {
  override name = 'ConfigError';
}

/** No index has been built yet at the configured location. */
export class SnapshotMissingError extends WenzhengError {
  override name = 'SnapshotMissingError';
}

/** The live snapshot cannot be used as is: another format version, provider or dimension, or damaged files. */
export class SnapshotMismatchError extends WenzhengError {
  override name = 'SnapshotMismatchError';
}

/** The snapshot's files are missing, truncated or changed since it was written (checksums differ). */
export class SnapshotDamagedError extends SnapshotMismatchError {
  override name = 'SnapshotDamagedError';
}

/** A corpus file could not be read or parsed; it is reported and skipped, never fatal for the whole ingest. */
export class CorpusFileError extends WenzhengError {
  override name = 'CorpusFileError';
  /** The part of the file that was skipped ("line 17" of a JSONL collection); undefined: the whole file. */
  readonly part?: string;
  constructor(
    readonly file: string,
    readonly reason: string,
    options?: { cause?: unknown; part?: string; hint?: string },
  ) {
    super(`${file}${options?.part ? ` (${options.part})` : ''}: ${reason}`, options);
    if (options?.part) this.part = options.part;
  }
}

/** Another process holds the index lock (a second ingest/refresh at the same time). */
export class IndexLockedError extends WenzhengError {
  override name = 'IndexLockedError';
}

/** A refresh or ingest would publish a snapshot with far fewer documents than the live one (an empty or unmounted
 * corpus folder, unreadable files): refused unless the operator says the documents went on purpose. */
export class CorpusShrankError extends WenzhengError {
  override name = 'CorpusShrankError';
}

/** An embedding provider failed (network, bad response, wrong dimension). */
export class EmbeddingError extends WenzhengError {
  override name = 'EmbeddingError';
}

/** The LLM answerer failed; the caller falls back to the extractive answer. */
export class LlmError extends WenzhengError {
  override name = 'LlmError';
}

/** The first fix-it hint along the chain of causes, if any. */
export function hintOf(err: unknown): string | undefined {
  let cur: unknown = err;
  for (let depth = 0; cur && depth < 5; depth++) {
    if (cur instanceof WenzhengError && cur.hint) return cur.hint;
    cur = cur instanceof Error ? (cur as { cause?: unknown }).cause : undefined;
  }
  return undefined;
}

/** One message for any error, for the edges (CLI, logs): name, message and the chain of causes. */
export function describeError(err: unknown): string {
  const parts: string[] = [];
  let cur: unknown = err;
  for (let depth = 0; cur && depth < 5; depth++) {
    if (cur instanceof Error) {
      parts.push(depth === 0 && cur instanceof WenzhengError ? cur.message : `${cur.name}: ${cur.message}`);
      cur = (cur as { cause?: unknown }).cause;
    } else {
      parts.push(String(cur));
      break;
    }
  }
  return parts.join('\n  caused by: ');
}

/** The Telegram bot could not start or keep running: token refused, another instance polling, Bot API unreachable. */
export class BotError extends WenzhengError {
  override name = 'BotError';
}

/** A Bot API call that got no answer within its deadline (TELEGRAM_TIMEOUT_MS), or that was abandoned because
 * the bot is stopping and its drain deadline passed. */
export class TelegramCallError extends WenzhengError {
  override name = 'TelegramCallError';
}
