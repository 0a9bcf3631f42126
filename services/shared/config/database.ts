/** PostgreSQL: the system of record (writer, optional reader) and the query service's pools. */
import { z } from 'zod';
import { int, postgresUrl } from './fields.js';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/bellyfed';

export const DATABASE_ENV = {
  DATABASE_URL: postgresUrl
    .default(DEFAULT_DATABASE_URL)
    .describe('PostgreSQL writer endpoint (migrations, seeding, reads when no reader is set).'),
  DATABASE_READ_URL: postgresUrl
    .optional()
    .describe('Optional reader endpoint (an Aurora reader): the query service reads from it when set.'),
  DATABASE_POOL_SIZE: int(1, 500).default(10).describe('Maximum connections per pool.'),
  DATABASE_STATEMENT_TIMEOUT_MS: int(100, 600_000)
    .default(5000)
    .describe('Server-side statement timeout for API queries, so no request waits forever.'),
  // In ECS the URL is built from parts: the host as plain environment, user and password as
  // secrets, so that no URL holding a password is ever written into a task definition.
  DATABASE_HOST: z.string().min(1).optional().describe('With DATABASE_USERNAME and DATABASE_PASSWORD and no DATABASE_URL: the writer host the URL is built from (ECS).'),
  DATABASE_READ_HOST: z.string().min(1).optional().describe('Likewise, the reader host DATABASE_READ_URL is built from.'),
  DATABASE_PORT: int(1, 65535).default(5432).describe('Port of DATABASE_HOST and DATABASE_READ_HOST.'),
  DATABASE_NAME: z.string().min(1).default('bellyfed').describe('Database name with DATABASE_HOST.'),
  DATABASE_USERNAME: z.string().min(1).optional().describe('Database user with DATABASE_HOST (an ECS secret).'),
  DATABASE_PASSWORD: z.string().min(1).optional().describe('Database password with DATABASE_HOST (an ECS secret); never logged.'),
  DATABASE_SSLMODE: z.enum(['disable', 'prefer', 'require', 'verify-ca', 'verify-full'], { message: 'must be disable, prefer, require, verify-ca or verify-full' })
    .optional()
    .describe('sslmode of the URL built from DATABASE_HOST.'),
};

interface DatabaseParts {
  DATABASE_PORT: number;
  DATABASE_NAME: string;
  DATABASE_USERNAME?: string | undefined;
  DATABASE_PASSWORD?: string | undefined;
  DATABASE_SSLMODE?: string | undefined;
}

/** postgres://user:password@host:port/name?sslmode=…, or undefined when user or password is missing. */
export function databaseUrlFromParts(host: string | undefined, e: DatabaseParts): string | undefined {
  if (host === undefined || e.DATABASE_USERNAME === undefined || e.DATABASE_PASSWORD === undefined) return undefined;
  const auth = `${encodeURIComponent(e.DATABASE_USERNAME)}:${encodeURIComponent(e.DATABASE_PASSWORD)}`;
  const query = e.DATABASE_SSLMODE ? `?sslmode=${encodeURIComponent(e.DATABASE_SSLMODE)}` : '';
  return `postgres://${auth}@${host}:${e.DATABASE_PORT}/${encodeURIComponent(e.DATABASE_NAME)}${query}`;
}

export interface DatabaseConfig {
  readonly url: string;
  /** Whether DATABASE_URL was set (the local platform then uses that server instead of its own). */
  readonly urlIsExplicit: boolean;
  readonly readUrl: string | undefined;
  readonly poolSize: number;
  readonly statementTimeoutMs: number;
}
