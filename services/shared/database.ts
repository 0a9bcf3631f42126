/**
 * PostgreSQL pools. Like graphile/worker's assertPool: accept a pool or a connection string,
 * attach error handlers to the pool (an idle client's error must never crash the process),
 * and set per-session settings (UTC, statement timeout) on every connection.
 */
import pg from 'pg';
import type { Logger } from './logger.js';
import { redactUrl } from './config.js';

const TIMESTAMPTZ_OID = 1184;
const TIMESTAMP_OID = 1114;
const DATE_OID = 1082;
const INT8_OID = 20;
const asText = (v: string) => v;
const asNumber = (v: string) => Number(v);

/**
 * The value types of every pool this project opens, set per pool (pg's global parsers would change
 * every other pg user in the process): timestamps and dates stay PostgreSQL's text, because a JS
 * Date would drop microseconds and shift dates by the local time zone (services/query/present.ts
 * formats them); int8 becomes a number, since our counts are far below 2^53.
 */
export const API_VALUE_TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) => {
    switch (oid) {
      case TIMESTAMPTZ_OID:
      case TIMESTAMP_OID:
      case DATE_OID:
        return asText;
      case INT8_OID:
        return asNumber;
      default:
        return pg.types.getTypeParser(oid, format as 'text');
    }
  }) as pg.CustomTypesConfig['getTypeParser'],
};

export type Pool = pg.Pool;

/** Longest a pool waits for a free client, and separately for a new connection to open. */
export const CONNECTION_TIMEOUT_MS = 5000;

/**
 * The client-side bound of a query on a pool with a statement timeout: the server cancels the
 * statement at its timeout and the answer crosses a healthy network in far less than the margin,
 * so a query with no answer by then is on a connection that stalled (a hung network or host).
 */
export function queryTimeoutFor(statementTimeoutMs: number): number {
  return statementTimeoutMs + 1000;
}

export interface PoolOptions {
  max: number;
  statementTimeoutMs?: number;
  /**
   * Client-side bound of one query (pg's query_timeout): the statement timeout is enforced by the
   * server, so it cannot end a query whose connection stalled; this does, and the pool drops the
   * connection. Use queryTimeoutFor(statementTimeoutMs).
   */
  queryTimeoutMs?: number;
  applicationName: string;
  logger: Logger;
}

export function createPool(connectionString: string, options: PoolOptions): pg.Pool {
  const sessionOptions = ['-c TimeZone=UTC'];
  if (options.statementTimeoutMs !== undefined) {
    sessionOptions.push(`-c statement_timeout=${options.statementTimeoutMs}`);
  }
  const pool = new pg.Pool({
    connectionString,
    types: API_VALUE_TYPES,
    max: options.max,
    application_name: options.applicationName,
    options: sessionOptions.join(' '),
    connectionTimeoutMillis: CONNECTION_TIMEOUT_MS,
    ...(options.queryTimeoutMs === undefined ? {} : { query_timeout: options.queryTimeoutMs }),
    idleTimeoutMillis: 30_000,
  });
  const target = redactUrl(connectionString);
  pool.on('error', (err) => {
    // An idle client lost its connection (server restart, failover): pg removes it from the pool.
    options.logger.warn({ err: { message: err.message, code: (err as { code?: string }).code }, target }, 'idle PostgreSQL client error');
  });
  pool.on('connect', (client) => {
    client.on('error', (err) => {
      options.logger.warn({ err: { message: err.message }, target }, 'PostgreSQL client error');
    });
  });
  return pool;
}

/** A pool, or a connection string turned into one that the caller owns and must end(). */
export function assertPool(poolOrUrl: pg.Pool | string, options: PoolOptions): { pool: pg.Pool; owned: boolean } {
  if (typeof poolOrUrl === 'string') return { pool: createPool(poolOrUrl, options), owned: true };
  return { pool: poolOrUrl, owned: false };
}
