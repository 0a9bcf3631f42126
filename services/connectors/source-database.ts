/**
 * Prepares PostgreSQL for the source connector: heartbeat and signal tables, the CDC role with
 * its grants, and the publication (connectors/sql/*.sql, in order). Idempotent and safe to run
 * concurrently: one transaction under an advisory lock. Needs a superuser or the tables' owner.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Pool } from '../shared/database.js';
import { BellyfedError } from '../shared/errors.js';
import { CAPTURED_TABLES, CDC_ROLE } from '../model/captured-tables.js';
import { CDC_SQL_DIR } from './paths.js';

// Any fixed number: serialises concurrent prepareSourceDatabase calls (two `local up`s, tests).
const ADVISORY_LOCK_KEY = 0x6264_6364; // "bdcd"

export interface PrepareOptions {
  /** Sets the CDC role's password when given (the connector logs in with it); never stored in the repo. */
  readonly cdcPassword?: string | undefined;
  readonly sqlDir?: string;
}

export interface PrepareResult {
  readonly applied: readonly string[];
  /** `logical` is needed for the connector's replication slot; anything else is reported, not fixed here. */
  readonly walLevel: string;
}

export async function loadCdcSql(sqlDir: string = CDC_SQL_DIR): Promise<Array<{ id: string; sql: string }>> {
  const files = (await readdir(sqlDir)).filter((f) => f.endsWith('.sql')).sort();
  return Promise.all(files.map(async (f) => ({ id: f, sql: await readFile(join(sqlDir, f), 'utf8') })));
}

export async function prepareSourceDatabase(pool: Pool, options: PrepareOptions = {}): Promise<PrepareResult> {
  const steps = await loadCdcSql(options.sqlDir);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCK_KEY]);
    const missing = await missingAppTables(client);
    if (missing.length > 0) {
      throw new BellyfedError(
        'CDC_SETUP_FAILED',
        `the app tables ${missing.join(', ')} do not exist yet: run \`bellyfed db migrate\` before preparing CDC`,
      );
    }
    for (const step of steps) {
      try {
        await client.query(step.sql);
      } catch (err) {
        throw new BellyfedError('CDC_SETUP_FAILED', `connectors/sql/${step.id} failed: ${(err as Error).message}`, { cause: err });
      }
    }
    if (options.cdcPassword !== undefined) {
      // ALTER ROLE takes no bind parameters; the literal is escaped by the driver.
      await client.query(`ALTER ROLE ${CDC_ROLE} WITH PASSWORD ${client.escapeLiteral(options.cdcPassword)}`);
    }
    const walLevel = (await client.query<{ wal_level: string }>('SHOW wal_level')).rows[0]?.wal_level ?? 'unknown';
    await client.query('COMMIT');
    return { applied: steps.map((s) => s.id), walLevel };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

async function missingAppTables(client: { query: Pool['query'] }): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT t.name FROM unnest($1::text[]) AS t(name) WHERE to_regclass('public.' || quote_ident(t.name)) IS NULL`,
    [CAPTURED_TABLES],
  );
  return rows.map((r) => r.name);
}
