/**
 * The full pass: DynamoDB drives, PostgreSQL answers by key in the one snapshot.
 *
 * Each Scan page (per segment, one at a time) is grouped by source table; the rows with those
 * keys are read from the snapshot with their copy sources joined in, turned into expected items
 * and compared key by key. That finds every `different` and `extra` item and every tombstone
 * where a row exists, holding one page per segment in memory.
 *
 * Rows with no item at all are found by counting: each stored key is one row's, so
 * rows(table) − live items matched − tombstones over a row = rows never seen. Only when that
 * is above zero does a second pass page the table's keys (keyset) and read them from DynamoDB.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { itemId } from '../model/checker/expected-items.js';
import { TABLE_OF_ENTITY, type Entity } from '../model/entities.js';
import { TABLE_MAPPINGS } from '../model/transform/table-mappings.js';
import type { DynamoCalls } from '../shared/dynamodb/calls.js';
import { compareKey, readStored, type StoredItem } from './compare.js';
import { readByKeys, scanPages } from './dynamo-read.js';
import { withoutInFlight } from './in-flight.js';
import { rowKeyOf, type RowKey } from './item-keys.js';
import type { PgSnapshot } from './pg-snapshot.js';
import { emptyCounts, type Difference, type TableCounts } from './types.js';

export interface PassOptions {
  tables: readonly string[];
  /** A --table run: only this entity's items are scanned. */
  onlyTable: string | undefined;
  segments: number;
  /** Differences kept (for settle, repair and the report); beyond it they are only counted. */
  limit: number;
  keyPageSize: number;
  onProgress?: (progress: { rows: number; items: number }) => void;
}

export interface PassResult {
  counts: Map<string, TableCounts>;
  differences: Difference[];
  /** Differences counted but not kept (over the limit). */
  untracked: number;
  items: number;
  rows: number;
}

interface Seen {
  matched: number;
  tombstonesOverRows: number;
}

export class Tally {
  readonly counts = new Map<string, TableCounts>();
  readonly differences: Difference[] = [];
  untracked = 0;
  constructor(private readonly limit: number) {}

  of(table: string): TableCounts {
    let counts = this.counts.get(table);
    if (counts === undefined) this.counts.set(table, (counts = emptyCounts()));
    return counts;
  }

  /** Records a difference unless changes newer than the snapshot explain it. */
  record(difference: Difference, snapshotLsn: bigint): void {
    const left = withoutInFlight(difference, snapshotLsn);
    const counts = this.of(difference.table);
    if (left === undefined) {
      counts.inFlight++;
      return;
    }
    counts[left.kind]++;
    if (this.differences.length < this.limit) this.differences.push(left);
    else this.untracked++;
  }
}

export async function fullPass(calls: DynamoCalls, snapshot: PgSnapshot, options: PassOptions): Promise<PassResult> {
  const selected = new Set(options.tables);
  const tally = new Tally(options.limit);
  const seen = new Map(options.tables.map((t) => [t, { matched: 0, tombstonesOverRows: 0 } as Seen]));
  for (const table of options.tables) tally.of(table);
  const lsn = snapshot.point.lsn;
  let items = 0;
  let rows = 0;

  const onPage = async (page: Record<string, AttributeValue>[]) => {
    const byTable = new Map<string, Array<{ row: RowKey; pk: string; sk: string; stored: StoredItem }>>();
    for (const raw of page) {
      const stored = readStored(raw);
      if (stored === undefined) continue;
      const pk = raw.pk!.S!;
      const sk = raw.sk!.S!;
      const row = rowKeyOf(pk, sk);
      if (row === undefined) {
        // A key that is no row's: an orphan, whatever it holds.
        const table = TABLE_OF_ENTITY[stored.values._type as Entity] ?? 'unknown';
        if (options.onlyTable !== undefined && table !== options.onlyTable) continue;
        if (!stored.state.tombstone) {
          tally.of(table).items++;
          items++;
        }
        const difference = compareKey(table, pk, sk, undefined, stored);
        if (difference) tally.record(difference, lsn);
        continue;
      }
      if (!selected.has(row.table)) continue;
      const group = byTable.get(row.table);
      if (group === undefined) byTable.set(row.table, [{ row, pk, sk, stored }]);
      else group.push({ row, pk, sk, stored });
    }
    for (const [table, entries] of byTable) {
      const expected = await snapshot.expectedByKeys(table, entries.map((e) => e.row));
      const counts = tally.of(table);
      const tableSeen = seen.get(table)!;
      for (const { pk, sk, stored } of entries) {
        const item = expected.get(itemId(pk, sk));
        if (!stored.state.tombstone) {
          counts.items++;
          items++;
        }
        if (item !== undefined) {
          if (stored.state.tombstone) tableSeen.tombstonesOverRows++;
          else tableSeen.matched++;
        }
        const difference = compareKey(table, pk, sk, item, stored);
        if (difference) tally.record(difference, lsn);
      }
      rows += expected.size;
    }
    options.onProgress?.({ rows, items });
  };

  await scanPages(calls, { segments: options.segments, entity: options.onlyTable && TABLE_MAPPINGS[options.onlyTable]!.entity }, onPage);

  for (const table of options.tables) {
    const counts = tally.of(table);
    counts.rows = await snapshot.count(table);
    const { matched, tombstonesOverRows } = seen.get(table)!;
    if (counts.rows - matched - tombstonesOverRows > 0) {
      rows += await missingPass(calls, snapshot, table, tally, options.keyPageSize);
      options.onProgress?.({ rows, items });
    }
  }
  const totalRows = [...tally.counts.values()].reduce((sum, c) => sum + c.rows, 0);
  return { counts: tally.counts, differences: tally.differences, untracked: tally.untracked, items, rows: Math.max(rows, totalRows) };
}

/** Pages the table's keys and reads them from DynamoDB: a key with no item at all is missing. Returns the rows read. */
async function missingPass(calls: DynamoCalls, snapshot: PgSnapshot, table: string, tally: Tally, pageSize: number): Promise<number> {
  const mapping = TABLE_MAPPINGS[table]!;
  let after: string[] | undefined;
  let read = 0;
  for (;;) {
    const page = await snapshot.keyPage(table, after, pageSize);
    if (page.length === 0) return read;
    read += page.length;
    const keys = page.map((row) => mapping.key(Object.fromEntries(mapping.primaryKey.map((c, i) => [c, row.values[i]!]))));
    const stored = await readByKeys(calls, keys);
    for (const key of keys) {
      // Tombstones and live items were compared by the scan (or arrived after it: in flight).
      if (!stored.has(itemId(key.pk, key.sk))) tally.record({ kind: 'missing', table, pk: key.pk, sk: key.sk, attributes: [], stored: undefined }, snapshot.point.lsn);
    }
    after = page[page.length - 1]!.values;
  }
}
