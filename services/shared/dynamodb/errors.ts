/** Errors the writer raises to the worker. */
import { BellyfedError } from '../errors.js';

/**
 * DynamoDB refused a write for good (ValidationException): the batch is re-applied one event at
 * a time so that only the event(s) whose writes are refused go to the dead-letter topic.
 */
export class WriteRejectedError extends Error {
  constructor(readonly what: string, options: { cause: unknown }) {
    super(`DynamoDB rejected ${what}: ${(options.cause as Error)?.message ?? String(options.cause)}`, options);
    this.name = 'WriteRejectedError';
  }
}

/** DynamoDB stayed unavailable (throttling, 5xx, network) through the writer's retries: the batch is retried in place. */
export function dynamoUnavailable(what: string, cause: unknown): BellyfedError {
  return new BellyfedError('DYNAMODB_UNAVAILABLE', `DynamoDB did not accept ${what}`, { cause, retriable: true });
}
