/**
 * Every error code of the platform, in one typed table (docs/ERRORS.md documents each; a test
 * keeps the two equal). `retriable`: whether waiting and trying again can help; `status`: the
 * HTTP status a client sees when the error reaches one. Codes of kind `poison` name why the sink
 * dead-letters an event; `local` codes are the local platform's; `internal` codes never leave the
 * process (the read-router falls back to PostgreSQL on them).
 */
export const ERROR_CODES = {
  // Configuration and command line
  CONFIG_INVALID: { kind: 'config', retriable: false, status: 500 },
  CLI_USAGE: { kind: 'config', retriable: false, status: 400 },
  DEPLOY_TOOLING_MISSING: { kind: 'config', retriable: false, status: 500 },
  // The read API's answers
  BAD_REQUEST: { kind: 'client', retriable: false, status: 400 },
  UNKNOWN_PARAMETER: { kind: 'client', retriable: false, status: 400 },
  INVALID_PARAMETER: { kind: 'client', retriable: false, status: 400 },
  INVALID_CURSOR: { kind: 'client', retriable: false, status: 400 },
  NOT_FOUND: { kind: 'client', retriable: false, status: 404 },
  UNAUTHORIZED: { kind: 'client', retriable: false, status: 401 },
  METHOD_NOT_ALLOWED: { kind: 'client', retriable: false, status: 405 },
  SERVICE_UNAVAILABLE: { kind: 'dependency', retriable: true, status: 503 },
  INTERNAL: { kind: 'bug', retriable: false, status: 500 },
  // Dependencies
  DATABASE_UNAVAILABLE: { kind: 'dependency', retriable: true, status: 503 },
  MIGRATION_FAILED: { kind: 'config', retriable: false, status: 500 },
  CONNECT_UNREACHABLE: { kind: 'dependency', retriable: true, status: 503 },
  CONNECT_REQUEST_FAILED: { kind: 'dependency', retriable: true, status: 502 },
  CONNECTOR_NOT_FOUND: { kind: 'client', retriable: false, status: 404 },
  CONNECTOR_CONFIG_REJECTED: { kind: 'config', retriable: false, status: 400 },
  CONNECTOR_FILE_INVALID: { kind: 'config', retriable: false, status: 400 },
  CONNECTOR_ENV_MISSING: { kind: 'config', retriable: false, status: 400 },
  CDC_SETUP_FAILED: { kind: 'config', retriable: false, status: 500 },
  REGISTRY_UNAVAILABLE: { kind: 'dependency', retriable: true, status: 503 },
  DYNAMODB_UNAVAILABLE: { kind: 'dependency', retriable: true, status: 503 },
  KAFKA_UNAVAILABLE: { kind: 'dependency', retriable: true, status: 503 },
  KAFKA_AUTH_FAILED: { kind: 'config', retriable: false, status: 503 },
  // The sink
  SINK_LEASE_LOST: { kind: 'dependency', retriable: true, status: 503 },
  SINK_PROGRAMMER_ERROR: { kind: 'bug', retriable: false, status: 500 },
  // Why an event is dead-lettered (the dead letter's `bellyfed.error.code` header)
  UNDECODABLE_EVENT: { kind: 'poison', retriable: false, status: 422 },
  UNCONVERTIBLE_VALUE: { kind: 'poison', retriable: false, status: 422 },
  UNMAPPABLE_EVENT: { kind: 'poison', retriable: false, status: 422 },
  UNREPRESENTABLE_VALUE: { kind: 'poison', retriable: false, status: 422 },
  WRITE_REJECTED: { kind: 'poison', retriable: false, status: 422 },
  // The read-router's reasons to serve from PostgreSQL instead (never sent to a client)
  DYNAMODB_ITEM_INCOMPLETE: { kind: 'internal', retriable: false, status: 500 },
  DYNAMODB_REQUEST_UNSERVABLE: { kind: 'internal', retriable: false, status: 500 },
  DYNAMODB_DEADLINE_EXCEEDED: { kind: 'internal', retriable: true, status: 504 },
  // The local platform
  LOCAL_CONFIG_INVALID: { kind: 'local', retriable: false, status: 500 },
  LOCAL_FETCH_FAILED: { kind: 'local', retriable: false, status: 500 },
  LOCAL_PREREQUISITE_MISSING: { kind: 'local', retriable: false, status: 500 },
  LOCAL_PART_EXITED: { kind: 'local', retriable: false, status: 500 },
  LOCAL_PART_NOT_READY: { kind: 'local', retriable: false, status: 500 },
  LOCAL_POSTGRES_NOT_LOGICAL: { kind: 'local', retriable: false, status: 500 },
  LOCAL_STOP_FAILED: { kind: 'local', retriable: false, status: 500 },
  LOCAL_UNKNOWN_PART: { kind: 'local', retriable: false, status: 500 },
} as const satisfies Record<string, { kind: ErrorKind; retriable: boolean; status: number }>;

export type ErrorKind = 'config' | 'client' | 'dependency' | 'bug' | 'poison' | 'internal' | 'local';
export type ErrorCode = keyof typeof ERROR_CODES;
/** The codes of kind K (e.g. the poison codes a dead letter carries). */
export type ErrorCodeOf<K extends ErrorKind> = { [C in ErrorCode]: (typeof ERROR_CODES)[C]['kind'] extends K ? C : never }[ErrorCode];
