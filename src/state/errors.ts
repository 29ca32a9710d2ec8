// The state store's named error (kept beside the store while src/errors.ts is being reorganised; it can move there).
import { WenzhengError } from '../errors.ts';

/** The state store cannot be reached or used: Redis down or refusing, the SQLite file unwritable or damaged. */
export class StateStoreError extends WenzhengError {
  override name = 'StateStoreError';
  constructor(
    message: string,
    /** What an operator can do about it. */
    readonly hint: string,
    options?: { cause?: unknown },
  ) {
    super(`${message}\n  hint: ${hint}`, options);
  }
}
