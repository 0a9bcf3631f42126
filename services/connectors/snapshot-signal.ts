/**
 * Incremental snapshots through Debezium's source signalling channel: a row in the signal table
 * that the connector reads back from the WAL. Building the row is pure; inserting it is one statement.
 */
import { randomUUID } from 'node:crypto';
import type { Pool } from '../shared/database.js';
import { BellyfedError } from '../shared/errors.js';
import { CAPTURED_TABLES } from '../model/captured-tables.js';

export interface SnapshotSignal {
  readonly id: string;
  readonly type: 'execute-snapshot';
  readonly data: string;
}

/** `users` or `public.users` → `public.users`; anything else is a usage error naming the choices. */
export function resolveSnapshotTables(requested: readonly string[]): string[] {
  const unknown: string[] = [];
  const tables = requested.map((raw) => {
    const name = raw.trim().replace(/^public\./, '');
    if (!(CAPTURED_TABLES as readonly string[]).includes(name)) unknown.push(raw);
    return `public.${name}`;
  });
  if (unknown.length > 0) {
    throw new BellyfedError(
      'CLI_USAGE',
      `unknown table ${unknown.map((t) => `'${t}'`).join(', ')}: choose from ${CAPTURED_TABLES.join(', ')}`,
    );
  }
  if (tables.length === 0) throw new BellyfedError('CLI_USAGE', 'name at least one table to snapshot');
  return [...new Set(tables)];
}

export function buildSnapshotSignal(tables: readonly string[], id: string = randomUUID()): SnapshotSignal {
  return { id, type: 'execute-snapshot', data: JSON.stringify({ 'data-collections': tables, type: 'incremental' }) };
}

/** A connector's signal.data.collection as a quoted SQL name; only plain schema.table names are accepted. */
export function signalTableSql(collection: string): string {
  const match = /^([a-z_][a-z0-9_]*)\.([a-z_][a-z0-9_]*)$/.exec(collection);
  if (!match) {
    throw new BellyfedError('CONNECTOR_FILE_INVALID', `signal.data.collection must be schema.table in lower case (got '${collection}')`);
  }
  return `"${match[1]}"."${match[2]}"`;
}

export async function insertSnapshotSignal(pool: Pool, signalCollection: string, signal: SnapshotSignal): Promise<void> {
  await pool.query(`INSERT INTO ${signalTableSql(signalCollection)} (id, type, data) VALUES ($1, $2, $3)`, [
    signal.id,
    signal.type,
    signal.data,
  ]);
}
