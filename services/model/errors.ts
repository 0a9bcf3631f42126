/**
 * Why an event cannot be applied. A poison event is never retried (retrying cannot fix it): the
 * sink sends it to the dead-letter topic with its code and message in the headers and moves on.
 * The codes (kind `poison` in services/shared/errors/codes.ts, documented in docs/ERRORS.md) are
 * stable: dashboards and `bellyfed dlq list` group by them.
 */
import { BellyfedError, type ErrorCodeOf } from '../shared/errors.js';

export type PoisonCode = ErrorCodeOf<'poison'>;

export class PoisonEventError extends BellyfedError {
  declare readonly code: PoisonCode;

  constructor(code: PoisonCode, message: string, options: { cause?: unknown; details?: Record<string, unknown> } = {}) {
    // Poison stays poison: the same bytes fail the same way on every attempt.
    super(code, message, { ...options, retriable: false });
  }
}

export function isPoisonEventError(err: unknown, code?: PoisonCode): err is PoisonEventError {
  return err instanceof PoisonEventError && (code === undefined || err.code === code);
}
