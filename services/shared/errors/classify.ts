/**
 * Retry or not, decided in one place for every dependency (DynamoDB, Kafka, PostgreSQL, the
 * registry, Kafka Connect). A failure is
 *   - `transient`: waiting and trying again can help (throttling, a 5xx, a refused connection);
 *   - `permanent`: trying again gives the same answer (a refused request, a non-retriable code);
 *   - `programmer`: a bug (TypeError, ReferenceError, …) — never retried, never dead-lettered.
 * The cause chain is followed: a programmer error anywhere makes the whole a programmer error, a
 * non-retriable verdict anywhere vetoes a retry, and a failure nothing recognises is permanent.
 */
import { BellyfedError } from './bellyfed-error.js';

export type FailureClass = 'transient' | 'permanent' | 'programmer';

const PROGRAMMER_ERRORS = [TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError];

/** Node and pg network errors that say "the other side is not there right now". */
export const TRANSIENT_SYSTEM_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND', 'ECONNABORTED',
  'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT',
]);
/**
 * PostgreSQL SQLSTATE classes: 08 connection exception, 53 insufficient resources, 57P01..03 admin
 * shutdown / crash / cannot connect now, 40001 serialization failure, 40P01 deadlock.
 */
const TRANSIENT_SQLSTATE = /^(08|53|57P0[123]|40001|40P01)/;
/** AWS error names that mean "slow down" or "try again"; the SDK also marks them `$retryable`. */
export const AWS_THROTTLING_NAMES: ReadonlySet<string> = new Set([
  'ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded', 'TooManyRequestsException',
  'LimitExceededException',
]);
const AWS_TRANSIENT_NAMES = new Set([
  'InternalServerError', 'InternalFailure', 'ServiceUnavailable', 'ServiceUnavailableException', 'TimeoutError',
  'RequestTimeout', 'RequestTimeoutException', 'NetworkingError', 'TransactionInProgressException',
]);

type Verdict = 'transient' | 'permanent' | 'programmer' | 'unknown';

interface ErrorShape {
  name?: unknown;
  code?: unknown;
  retriable?: unknown;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: unknown };
  cause?: unknown;
}

function hasTransientSystemCode(err: unknown): boolean {
  const code = (err as ErrorShape | null)?.code;
  return typeof code === 'string' && TRANSIENT_SYSTEM_CODES.has(code);
}

function verdictOf(err: unknown): Verdict {
  if (err instanceof BellyfedError) return err.retriable ? 'transient' : 'permanent';
  // undici's fetch reports a refused or reset connection as TypeError('fetch failed') with the
  // system error as its cause: that is the network, not a bug.
  if (err instanceof TypeError && err.message === 'fetch failed' && hasTransientSystemCode(err.cause)) return 'transient';
  if (PROGRAMMER_ERRORS.some((cls) => err instanceof cls)) return 'programmer';
  if (typeof err !== 'object' || err === null) return 'unknown';
  const e = err as ErrorShape;
  const name = typeof e.name === 'string' ? e.name : '';
  if (typeof e.code === 'string' && (TRANSIENT_SYSTEM_CODES.has(e.code) || TRANSIENT_SQLSTATE.test(e.code))) return 'transient';
  if (AWS_THROTTLING_NAMES.has(name) || AWS_TRANSIENT_NAMES.has(name) || e.$retryable !== undefined) return 'transient';
  const status = e.$metadata?.httpStatusCode;
  if (typeof status === 'number') return status >= 500 ? 'transient' : 'permanent';
  // kafkajs marks each of its errors retriable or not.
  if (name.startsWith('KafkaJS') && typeof e.retriable === 'boolean') return e.retriable ? 'transient' : 'permanent';
  return 'unknown';
}

export function classifyFailure(err: unknown): FailureClass {
  const seen = new Set<unknown>();
  let current: unknown = err;
  let transient = false;
  let permanent = false;
  while (current !== undefined && current !== null && !seen.has(current)) {
    seen.add(current);
    const verdict = verdictOf(current);
    if (verdict === 'programmer') return 'programmer';
    if (verdict === 'permanent') permanent = true;
    if (verdict === 'transient') transient = true;
    current = (current as ErrorShape).cause;
  }
  return transient && !permanent ? 'transient' : 'permanent';
}

/** Whether waiting and trying again can help (see classifyFailure). */
export function isRetriable(err: unknown): boolean {
  return classifyFailure(err) === 'transient';
}

export function isProgrammerError(err: unknown): boolean {
  return classifyFailure(err) === 'programmer';
}

/** AWS throttling (as opposed to another transient failure): BatchWriteItem then resends only what is unprocessed. */
export function isThrottling(err: unknown): boolean {
  const e = err as ErrorShape | null;
  return typeof e?.name === 'string' && AWS_THROTTLING_NAMES.has(e.name)
    || (typeof e?.$retryable === 'object' && (e.$retryable as { throttling?: unknown } | null)?.throttling === true);
}
