/** Stable codes for everything the local platform can fail at; each message says what to do. */
export type LocalErrorCode =
  | 'LOCAL_CONFIG_INVALID'
  | 'LOCAL_FETCH_FAILED'
  | 'LOCAL_PREREQUISITE_MISSING'
  | 'LOCAL_PART_EXITED'
  | 'LOCAL_PART_NOT_READY'
  | 'LOCAL_POSTGRES_NOT_LOGICAL'
  | 'LOCAL_STOP_FAILED'
  | 'LOCAL_UNKNOWN_PART';

export class LocalPlatformError extends Error {
  readonly code: LocalErrorCode;
  readonly retriable: boolean;

  constructor(code: LocalErrorCode, message: string, options: { cause?: unknown; retriable?: boolean } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LocalPlatformError';
    this.code = code;
    this.retriable = options.retriable ?? false;
  }
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
