/**
 * Ordered, recorded, idempotent migrations: schemas/sql/NNNN_name.sql, each applied once in
 * its own transaction and recorded with its checksum. An advisory lock serialises concurrent
 * runs; an applied file whose content changed is refused (edit history by adding a file).
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type pg from 'pg';
import { BellyfedError } from '../shared/errors.js';
import { MIGRATIONS_DIR } from '../shared/paths.js';

export interface Migration {
  id: string;
  sql: string;
  checksum: string;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: string[];
}

const MIGRATION_FILE = /^(\d{4})_[a-z0-9_]+\.sql$/;
// Any fixed number: it only has to be the same for every migrate run.
const MIGRATION_LOCK_KEY = 7_340_211;

export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const name of names) {
    if (!MIGRATION_FILE.test(name)) {
      throw new BellyfedError('MIGRATION_FAILED', `${join(dir, name)}: migration files must be named NNNN_snake_case.sql`);
    }
    const sql = await readFile(join(dir, name), 'utf8');
    migrations.push({ id: name.replace(/\.sql$/, ''), sql, checksum: createHash('sha256').update(sql).digest('hex') });
  }
  const numbers = migrations.map((m) => m.id.slice(0, 4));
  const duplicate = numbers.find((n, i) => numbers.indexOf(n) !== i);
  if (duplicate) throw new BellyfedError('MIGRATION_FAILED', `two migrations share the number ${duplicate} in ${dir}`);
  return migrations;
}

export async function migrate(pool: pg.Pool, migrations: Migration[]): Promise<MigrateResult> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      id text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ id: string; checksum: string }>('SELECT id, checksum FROM schema_migrations');
    const done = new Map(rows.map((r) => [r.id, r.checksum]));
    const result: MigrateResult = { applied: [], alreadyApplied: [] };
    for (const migration of migrations) {
      const recorded = done.get(migration.id);
      if (recorded !== undefined) {
        if (recorded !== migration.checksum) {
          throw new BellyfedError(
            'MIGRATION_FAILED',
            `migration ${migration.id} was applied with different content; restore the file and add a new migration instead`,
          );
        }
        result.alreadyApplied.push(migration.id);
        continue;
      }
      try {
        await client.query('BEGIN');
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (id, checksum) VALUES ($1, $2)', [migration.id, migration.checksum]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new BellyfedError('MIGRATION_FAILED', `migration ${migration.id} failed`, { cause: err });
      }
      result.applied.push(migration.id);
    }
    return result;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    client.release();
  }
}
