/**
 * One base error for the whole platform: a stable code (documented in docs/ERRORS.md),
 * a retriable flag, and the cause. Retry decisions are made in one place: isRetriable().
 */
export const ERROR_CODES = {
  CONFIG_INVALID: { retriable: false, status: 500 },
  BAD_REQUEST: { retriable: false, status: 400 },
  UNKNOWN_PARAMETER: { retriable: false, status: 400 },
  INVALID_PARAMETER: { retriable: false, status: 400 },
  INVALID_CURSOR: { retriable: false, status: 400 },
  NOT_FOUND: { retriable: false, status: 404 },
  UNAUTHORIZED: { retriable: false, status: 401 },
  METHOD_NOT_ALLOWED: { retriable: false, status: 405 },
  SERVICE_UNAVAILABLE: { retriable: true, status: 503 },
  INTERNAL: { retriable: false, status: 500 },
  DATABASE_UNAVAILABLE: { retriable: true, status: 503 },
  MIGRATION_FAILED: { retriable: false, status: 500 },
  CLI_USAGE: { retriable: false, status: 400 },
  CONNECT_UNREACHABLE: { retriable: true, status: 503 },
  CONNECT_REQUEST_FAILED: { retriable: true, status: 502 },
  CONNECTOR_NOT_FOUND: { retriable: false, status: 404 },
  CONNECTOR_CONFIG_REJECTED: { retriable: false, status: 400 },
  CONNECTOR_FILE_INVALID: { retriable: false, status: 400 },
  CONNECTOR_ENV_MISSING: { retriable: false, status: 400 },
  CDC_SETUP_FAILED: { retriable: false, status: 500 },
  REGISTRY_UNAVAILABLE: { retriable: true, status: 503 },
  DYNAMODB_UNAVAILABLE: { retriable: true, status: 503 },
  SINK_LEASE_LOST: { retriable: true, status: 503 },
  KAFKA_UNAVAILABLE: { retriable: true, status: 503 },
  KAFKA_AUTH_FAILED: { retriable: false, status: 503 },
  DEPLOY_TOOLING_MISSING: { retriable: false, status: 500 },
} as const satisfies Record<string, { retriable: boolean; status: number }>;

export type ErrorCode = keyof typeof ERROR_CODES;

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
    this.name = 'BellyfedError';
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

// Programmer errors are bugs: retrying them only hides the bug.
const NEVER_RETRIED = [TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError];

// Node/pg network errors that say "the other side is not there right now".
const TRANSIENT_SYSTEM_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND',
]);
// PostgreSQL SQLSTATE classes: 08 connection exception, 53 insufficient resources,
// 57P01..03 admin shutdown / crash / cannot connect now, 40001 serialization, 40P01 deadlock.
const TRANSIENT_SQLSTATE = /^(08|53|57P0[123]|40001|40P01)/;

type Verdict = 'yes' | 'no' | 'unknown';

function verdictOf(err: unknown): Verdict {
  if (err instanceof BellyfedError) return err.retriable ? 'yes' : 'no';
  if (NEVER_RETRIED.some((cls) => err instanceof cls)) return 'no';
  if (typeof err === 'object' && err !== null) {
    const e = err as { code?: unknown; $retryable?: unknown };
    if (typeof e.code === 'string' && (TRANSIENT_SYSTEM_CODES.has(e.code) || TRANSIENT_SQLSTATE.test(e.code))) {
      return 'yes';
    }
    // The AWS SDK marks throttling and transient service errors with $retryable.
    if (e.$retryable !== undefined) return 'yes';
  }
  return 'unknown';
}

/**
 * Retry only when some error along the cause chain says it is transient and none says it
 * is not (a programmer error or a non-retriable BellyfedError anywhere vetoes the retry).
 */
export function isRetriable(err: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = err;
  let sawYes = false;
  while (current !== undefined && current !== null && !seen.has(current)) {
    seen.add(current);
    const verdict = verdictOf(current);
    if (verdict === 'no') return false;
    if (verdict === 'yes') sawYes = true;
    current = (current as { cause?: unknown }).cause;
  }
  return sawYes;
}

/** A message safe to print: the error's own message plus its causes, no stack. */
export function describeError(err: unknown): string {
  const parts: string[] = [];
  const seen = new Set<unknown>();
  let current: unknown = err;
  while (current !== undefined && current !== null && !seen.has(current)) {
    seen.add(current);
    parts.push(current instanceof Error ? current.message : String(current));
    current = (current as { cause?: unknown }).cause;
  }
  return parts.filter((p) => p.length > 0).join(': caused by: ');
}
