/**
 * The items the model says a PostgreSQL state implies: every row through the sink's own
 * transform (as a snapshot read), then each copy filled from its source row. Bookkeeping the
 * transform adds (_v, _ts, copy versions) is left out of the comparison (compare.ts).
 *
 * `expectedItem` is the one implementation, per row: the checker feeds it rows of whole tables
 * (copy sources looked up in memory), the reconciler feeds it pages of rows that carry their
 * copy sources joined in (services/reconcile), so memory stays bounded.
 */
import type { Row, SinkValue } from '../change-event.js';
import type { CopyName } from '../copies.js';
import { COPIES } from '../copies.js';
import { itemKeyString, type ItemKey } from '../keys.js';
import { formatVersion, SNAPSHOT_CLASS } from '../version.js';
import { TABLE_MAPPINGS } from '../transform/table-mappings.js';
import { transformChange } from '../transform/transform.js';
import type { ChangeEvent } from '../change-event.js';

export type ItemValues = Record<string, SinkValue>;

export const itemId = (pk: string, sk: string) => itemKeyString({ pk, sk });

/** Rows of every mapped table, by table name. */
export type TableRows = Record<string, Row[]>;

/** The source row of a copy into this row's item (undefined: no such source, no copy). */
export type CopySourceLookup = (copy: CopyName, sourceId: string) => Row | undefined;

function asSnapshotRead(table: string, row: Row): ChangeEvent {
  return {
    kind: 'change', table, schema: 'public', op: 'r', before: null, after: row,
    version: formatVersion(SNAPSHOT_CLASS, 0n, 1n), sourceTsMs: 0, txId: null, snapshot: true,
    position: { topic: 'checker', partition: 0, offset: '0' },
  };
}

/** The item one row of `table` implies, copies included. */
export function expectedItem(table: string, row: Row, sourceOf: CopySourceLookup): { key: ItemKey; item: ItemValues } {
  const mapping = TABLE_MAPPINGS[table];
  if (mapping === undefined) throw new RangeError(`no mapping for table '${table}'`);
  const put = transformChange(asSnapshotRead(table, row)).find((i) => i.kind === 'put');
  if (put?.kind !== 'put') throw new Error(`no put for a ${table} row`);
  const item: ItemValues = { ...put.item };
  for (const { copy, sourceIdColumn } of mapping.copiesIn) {
    const source = sourceOf(copy, String(row[sourceIdColumn]));
    if (source === undefined) continue; // a dangling reference: no copy (PostgreSQL's FKs prevent it)
    const write = COPIES[copy].write(source as Record<string, SinkValue>);
    Object.assign(item, write.set);
    for (const name of write.remove) delete item[name];
  }
  return { key: put.key, item };
}

export function expectedItems(rows: TableRows): Map<string, ItemValues> {
  const items = new Map<string, ItemValues>();
  // Copy sources by (copy, source id), from the rows themselves.
  const sources = new Map<string, Row>();
  for (const mapping of Object.values(TABLE_MAPPINGS)) {
    for (const row of rows[mapping.table] ?? []) {
      for (const out of mapping.copiesOut) sources.set(`${out.copy}\u0000${String(row[out.sourceIdColumn])}`, row);
    }
  }
  const sourceOf: CopySourceLookup = (copy, id) => sources.get(`${copy}\u0000${id}`);
  for (const mapping of Object.values(TABLE_MAPPINGS)) {
    for (const row of rows[mapping.table] ?? []) {
      const { key, item } = expectedItem(mapping.table, row, sourceOf);
      items.set(itemId(key.pk, key.sk), item);
    }
  }
  return items;
}
