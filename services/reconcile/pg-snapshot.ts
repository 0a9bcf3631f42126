/**
 * PostgreSQL's side: one REPEATABLE READ, READ ONLY transaction on one connection, so every read
 * of a run (pages of rows by key, counts, key pages) sees the same instant, and that instant's
 * WAL position is known (the in-flight rule compares item versions with it).
 */
import type pg from 'pg';
import type { Row } from '../model/change-event.js';
import { beginSnapshot, type SnapshotPoint } from '../model/checker/read-sides.js';
import { expectedItem, itemId, type ItemValues } from '../model/checker/expected-items.js';
import { SINK_VALUE_TYPES, toRow } from '../model/checker/pg-values.js';
import type { CopyName } from '../model/copies.js';
import { TABLE_MAPPINGS } from '../model/transform/table-mappings.js';
import { copyJoins } from './sql/copy-joins.js';
import { countRowsSql } from './sql/count-rows.js';
import { keyPageSql } from './sql/key-page.js';
import { rowsByKeySql } from './sql/rows-by-key.js';
import type { RowKey } from './item-keys.js';

/** Splits a joined row into the row itself and its copy sources (absent when the join found none). */
export function splitJoinedRow(table: string, raw: Record<string, unknown>): { row: Row; sources: Map<CopyName, Row> } {
  const own: Record<string, unknown> = {};
  const sources = new Map<CopyName, Row>();
  const joins = copyJoins(table);
  for (const [column, value] of Object.entries(raw)) if (!column.includes('.')) own[column] = value;
  for (const join of joins) {
    if (raw[`${join.copy}.${join.sourceIdColumn}`] === null || raw[`${join.copy}.${join.sourceIdColumn}`] === undefined) continue;
    sources.set(join.copy, toRow(Object.fromEntries(join.columns.map((c) => [c, raw[`${join.copy}.${c}`]]))));
  }
  return { row: toRow(own), sources };
}

/** The expected item of a joined row, by itemId. */
export function expectedFromJoined(table: string, raw: Record<string, unknown>): { id: string; item: ItemValues } {
  const { row, sources } = splitJoinedRow(table, raw);
  const { key, item } = expectedItem(table, row, (copy) => sources.get(copy));
  return { id: itemId(key.pk, key.sk), item };
}

export class PgSnapshot {
  /** Queries of parallel Scan segments take turns on the one connection (one snapshot). */
  private turn: Promise<unknown> = Promise.resolve();

  private constructor(private readonly client: pg.PoolClient, readonly point: SnapshotPoint) {}

  private query<T extends pg.QueryResultRow>(config: pg.QueryConfig): Promise<pg.QueryResult<T>> {
    const result = this.turn.then(() => this.client.query<T>(config));
    this.turn = result.catch(() => undefined);
    return result;
  }

  static async open(pool: pg.Pool): Promise<PgSnapshot> {
    const client = await pool.connect();
    try {
      return new PgSnapshot(client, await beginSnapshot(client));
    } catch (err) {
      client.release(err as Error);
      throw err;
    }
  }

  /** The expected items of the rows with these keys (all of one table), by itemId. */
  async expectedByKeys(table: string, keys: readonly RowKey[]): Promise<Map<string, ItemValues>> {
    const out = new Map<string, ItemValues>();
    if (keys.length === 0) return out;
    const width = TABLE_MAPPINGS[table]!.primaryKey.length;
    const params = Array.from({ length: width }, (_, i) => keys.map((k) => k.values[i]));
    const result = await this.query({ text: rowsByKeySql(table), values: params, types: SINK_VALUE_TYPES });
    for (const raw of result.rows as Record<string, unknown>[]) {
      const { id, item } = expectedFromJoined(table, raw);
      out.set(id, item);
    }
    return out;
  }

  async count(table: string): Promise<number> {
    const { rows } = await this.query<{ n: string }>({ text: countRowsSql(table) });
    return Number(rows[0]!.n);
  }

  /** One page of primary keys after `after` (keyset order). */
  async keyPage(table: string, after: readonly string[] | undefined, limit: number): Promise<RowKey[]> {
    const columns = TABLE_MAPPINGS[table]!.primaryKey;
    const { rows } = await this.query<Record<string, string>>({ text: keyPageSql(table, after !== undefined), values: [limit, ...(after ?? [])] });
    return rows.map((r) => ({ table, values: columns.map((c) => r[c]!) }));
  }

  async close(): Promise<void> {
    await this.turn;
    try {
      await this.client.query('COMMIT');
      this.client.release();
    } catch (err) {
      this.client.release(err as Error);
    }
  }
}
