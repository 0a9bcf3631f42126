/** Errors the DynamoDB calls raise to their callers. */
import { BellyfedError } from '../errors.js';

/**
 * DynamoDB refused a write for good (ValidationException): the sink re-applies the batch one event
 * at a time so that only the event(s) whose writes are refused go to the dead-letter topic.
 */
export class WriteRejectedError extends BellyfedError {
  constructor(readonly what: string, options: { cause: unknown }) {
    super('WRITE_REJECTED', `DynamoDB rejected ${what}: ${(options.cause as Error)?.message ?? String(options.cause)}`, options);
  }
}

/** DynamoDB stayed unavailable (throttling, 5xx, network) through the request's retries: the batch is retried in place. */
export function dynamoUnavailable(what: string, cause: unknown): BellyfedError {
  return new BellyfedError('DYNAMODB_UNAVAILABLE', `DynamoDB did not accept ${what}`, { cause, retriable: true });
}
