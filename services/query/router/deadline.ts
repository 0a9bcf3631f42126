/**
 * Runs a call with a deadline: at `ms` the call's AbortSignal fires (the SDK aborts the HTTP
 * request, so nothing keeps running for a request already answered) and the caller stops
 * waiting even if the call ignores the signal.
 */
import { BellyfedError } from '../../shared/errors.js';

export class DeadlineExceededError extends BellyfedError {
  constructor(readonly ms: number) {
    super('DYNAMODB_DEADLINE_EXCEEDED', `no answer within ${ms} ms`);
  }
}

export async function withDeadline<T>(ms: number, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const expired = new DeadlineExceededError(ms);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      controller.abort(expired);
      reject(expired);
    }, ms);
  });
  const running = call(controller.signal);
  // The loser of the race must not become an unhandled rejection.
  running.catch(() => undefined);
  try {
    return await Promise.race([running, deadline]);
  } catch (err) {
    throw controller.signal.aborted ? expired : err;
  } finally {
    clearTimeout(timer);
  }
}
