/**
 * Why an event cannot be applied. A poison event is never retried (retrying cannot fix it):
 * the consumer sends it to the dead-letter topic with this code and message in the headers and
 * moves on. The codes are stable: dashboards and `bellyfed dlq list` group by them.
 */
export const POISON_CODES = {
  /** The record is not a Debezium change event we understand (shape, op, missing image). */
  UNDECODABLE_EVENT: 'the record is not a well-formed Debezium change event',
  /** A value cannot be converted exactly (bad decimal bytes, a timestamp form we do not know). */
  UNCONVERTIBLE_VALUE: 'a column value cannot be converted to its exact representation',
  /** The event is well formed but the model has no mapping for it (unknown table, key too long). */
  UNMAPPABLE_EVENT: 'the change cannot be mapped to DynamoDB items',
  /** A value has no exact DynamoDB form (NaN, a number beyond DynamoDB's range, nesting > 32). */
  UNREPRESENTABLE_VALUE: 'a value has no exact DynamoDB representation',
  /** DynamoDB refused the event's write for good (ValidationException: item too large, bad key value). */
  WRITE_REJECTED: 'DynamoDB rejected the write of this change',
} as const;

export type PoisonCode = keyof typeof POISON_CODES;

export class PoisonEventError extends Error {
  readonly code: PoisonCode;
  /** Poison stays poison: the same bytes fail the same way on every attempt. */
  readonly retriable = false;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: PoisonCode, message: string, options: { cause?: unknown; details?: Record<string, unknown> } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PoisonEventError';
    this.code = code;
    this.details = options.details;
  }
}

export function isPoisonEventError(err: unknown, code?: PoisonCode): err is PoisonEventError {
  return err instanceof PoisonEventError && (code === undefined || err.code === code);
}
