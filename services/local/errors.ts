/** The local platform's errors: codes of kind `local` (services/shared/errors/codes.ts); each message says what to do. */
import { BellyfedError, type ErrorCodeOf } from '../shared/errors.js';

export type LocalErrorCode = ErrorCodeOf<'local'>;

export class LocalPlatformError extends BellyfedError {
  declare readonly code: LocalErrorCode;

  constructor(code: LocalErrorCode, message: string, options: { cause?: unknown; retriable?: boolean } = {}) {
    super(code, message, { ...options, retriable: options.retriable ?? false });
  }
}
