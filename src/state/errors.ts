// The state store's named error, with the operator's fix as its hint (printed by the CLI on its own line).
import { WenzhengError } from '../errors.ts';

/** The state store cannot be reached or used: Redis down or refusing, the SQLite file unwritable or damaged. */
export class StateStoreError extends WenzhengError {
  override name = 'StateStoreError';
  constructor(message: string, hint: string, options?: { cause?: unknown }) {
    super(message, { ...options, hint });
  }
}
