/**
 * The one error class of the platform: a stable code from the table (codes.ts), a retriable
 * flag (the code's, unless the thrower knows better), the cause and non-secret details. The few
 * subclasses (PoisonEventError, …) only narrow the code for the places that catch them.
 */
import { ERROR_CODES, type ErrorCode } from './codes.js';

export interface BellyfedErrorOptions {
  cause?: unknown;
  retriable?: boolean;
  /** Extra, non-secret facts for logs (never sent to clients unless the code is a 4xx). */
  details?: Record<string, unknown>;
}

export class BellyfedError extends Error {
  readonly code: ErrorCode;
  readonly retriable: boolean;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: BellyfedErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retriable = options.retriable ?? ERROR_CODES[code].retriable;
    this.details = options.details;
  }

  get httpStatus(): number {
    return ERROR_CODES[this.code].status;
  }
}

export function isBellyfedError(err: unknown, code?: ErrorCode): err is BellyfedError {
  return err instanceof BellyfedError && (code === undefined || err.code === code);
}
