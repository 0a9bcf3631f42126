/**
 * Builds the DynamoDB projection of a PostgreSQL database the way the sink does — through the
 * sink's own transform (services/model/transform) — without the sink worker: PostgreSQL rows
 * become change events (snapshot reads at first, then streamed changes derived by diffing the
 * tables), the intents are applied to an in-memory copy of the table with the sink's rules (LSN
 * guard, tombstones, copies pulled after rows and pushed to every target), and the items that
 * changed are written to a real DynamoDB table. Tests then read that table through the query
 * service. Test-only: the real writer lives in services/sink/writer.
 */
import { BatchWriteItemCommand, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type pg from 'pg';
import '../../../../services/shared/database.js'; // timestamps and dates as PostgreSQL text
import type { ChangeEvent, ChangeOp, Row, SinkValue } from '../../../../services/model/change-event.js';
import { META } from '../../../../services/model/attributes.js';
import { COPIES } from '../../../../services/model/copies.js';
import { toItem } from '../../../../services/model/marshall.js';
import { formatVersion, SNAPSHOT_CLASS, STREAM_CLASS } from '../../../../services/model/version.js';
import { TABLE_MAPPINGS } from '../../../../services/model/transform/table-mappings.js';
import { transformChange } from '../../../../services/model/transform/transform.js';
import type { WriteIntent } from '../../../../services/model/transform/intents.js';
import { formatTimestamp } from '../../../../services/query/present.js';
import { PrivateDynalite } from '../../../helpers/private-dynalite.js';
import { createTestTable, testDynamoClient, type TestTable } from './dynamodb.js';

type Item = Record<string, SinkValue>;

const TIMESTAMPTZ_OID = 1184;
const TABLES = Object.keys(TABLE_MAPPINGS);

const itemKey = (key: { pk: string; sk: string }) => `${key.pk}\u0000${key.sk}`;

/** A PostgreSQL row as Debezium (decimal.handling.mode=string) and the decoder give it. */
async function readTable(pool: pg.Pool, table: string): Promise<Row[]> {
  const result = await pool.query(`SELECT * FROM ${table}`);
  const timestamps = result.fields.filter((f) => f.dataTypeID === TIMESTAMPTZ_OID).map((f) => f.name);
  return result.rows.map((row: Record<string, unknown>) => {
    const out: Row = {};
    for (const [column, value] of Object.entries(row)) {
      out[column] = (timestamps.includes(column) && typeof value === 'string' ? formatTimestamp(value) : value) as SinkValue;
    }
    return out;
  });
}

function sameRow(a: Row, b: Row): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export class Projection {
  /** The table's full state, as the sink would have written it. */
  readonly items = new Map<string, Item>();
  private lastRows = new Map<string, Map<string, Row>>();
  private lsn = 1000n;

  constructor(private readonly pool: pg.Pool, private readonly client: DynamoDBClient, readonly tableName: string) {}

  private rowId(table: string, row: Row): string {
    return TABLE_MAPPINGS[table]?.primaryKey.map((c) => String(row[c])).join('|') ?? '';
  }

  private event(table: string, op: ChangeOp, before: Row | null, after: Row | null): ChangeEvent {
    this.lsn += 16n;
    const version = op === 'r' ? formatVersion(SNAPSHOT_CLASS, 0n, this.lsn) : formatVersion(STREAM_CLASS, this.lsn, this.lsn);
    return {
      kind: 'change', table, schema: 'public', op, before, after, version, sourceTsMs: Date.now(), txId: null,
      snapshot: op === 'r', position: { topic: `test.public.${table}`, partition: 0, offset: String(this.lsn) },
    };
  }

  /** Snapshot: every row of every mapped table as an 'r' event; writes every item. */
  async snapshot(): Promise<number> {
    const events: ChangeEvent[] = [];
    for (const table of TABLES) {
      const rows = await readTable(this.pool, table);
      this.lastRows.set(table, new Map(rows.map((r) => [this.rowId(table, r), r])));
      for (const row of rows) events.push(this.event(table, 'r', null, row));
    }
    const touched = this.apply(events);
    await this.writeBatches(touched);
    return touched.size;
  }

  /**
   * Streamed changes: diffs every table against what was last seen (inserts, updates with both
   * images, deletes), applies them as events with increasing versions, writes the changed items.
   */
  async sync(): Promise<{ events: number; items: number }> {
    const events: ChangeEvent[] = [];
    for (const table of TABLES) {
      const previous = this.lastRows.get(table) ?? new Map<string, Row>();
      const current = new Map((await readTable(this.pool, table)).map((r) => [this.rowId(table, r), r]));
      for (const [id, before] of previous) if (!current.has(id)) events.push(this.event(table, 'd', before, null));
      for (const [id, after] of current) {
        const before = previous.get(id);
        if (before === undefined) events.push(this.event(table, 'c', null, after));
        else if (!sameRow(before, after)) events.push(this.event(table, 'u', before, after));
      }
      this.lastRows.set(table, current);
    }
    const touched = this.apply(events);
    for (const key of touched) await this.putItem(key);
    return { events: events.length, items: touched.size };
  }

  /** Row intents first, then copies (the writer's phase order); returns the keys that changed. */
  private apply(events: ChangeEvent[]): Set<string> {
    const intents: WriteIntent[] = events.flatMap((e) => transformChange(e));
    const touched = new Set<string>();
    for (const intent of intents) {
      if (intent.kind !== 'put' && intent.kind !== 'delete') continue;
      const k = itemKey(intent.key);
      const stored = this.items.get(k);
      if (stored !== undefined && (stored[META.version] as string) >= intent.version) continue;
      if (intent.kind === 'delete') {
        this.items.set(k, { ...intent.tombstone });
      } else {
        const item: Item = { ...intent.item };
        // A put keeps the copies the item holds, unless their source changed (as putAsUpdate does).
        for (const copy of intent.copies) {
          if (intent.resetCopies.includes(copy) || stored === undefined || stored[META.deleted] === true) continue;
          for (const name of COPIES[copy].copiedAttributes) if (stored[name] !== undefined) item[name] = stored[name] as SinkValue;
        }
        this.items.set(k, item);
      }
      touched.add(k);
    }
    for (const intent of intents) {
      if (intent.kind === 'pull-copy') {
        const definition = COPIES[intent.copy];
        const source = this.items.get(itemKey(definition.sourceKey(intent.sourceId)));
        if (source && source[META.deleted] !== true) this.copyOnto(itemKey(intent.target), intent.copy, intent.sourceId, source, source[META.version] as string, touched);
      } else if (intent.kind === 'push-copy') {
        const definition = COPIES[intent.copy];
        const values = intent.values ?? this.items.get(itemKey(definition.sourceKey(intent.sourceId)));
        if (values === undefined) continue;
        for (const [k, target] of this.items) {
          if (target[META.type] === definition.targetEntity && target[definition.targetSourceIdAttribute] === intent.sourceId) {
            this.copyOnto(k, intent.copy, intent.sourceId, values, intent.version, touched);
          }
        }
      }
    }
    return touched;
  }

  private copyOnto(k: string, copy: keyof typeof COPIES, sourceId: string, source: Item, version: string, touched: Set<string>): void {
    const definition = COPIES[copy];
    const target = this.items.get(k);
    if (!target || target[META.deleted] === true || target[definition.targetSourceIdAttribute] !== sourceId) return;
    const current = target[definition.versionAttribute];
    if (typeof current === 'string' && current >= version) return;
    const write = definition.write(source);
    const next: Item = { ...target, ...write.set, [definition.versionAttribute]: version };
    for (const name of write.remove) delete next[name];
    this.items.set(k, next);
    touched.add(k);
  }

  private async putItem(k: string): Promise<void> {
    const item = this.items.get(k);
    if (item) await this.client.send(new PutItemCommand({ TableName: this.tableName, Item: toItem(item) }));
  }

  private async writeBatches(keys: Set<string>): Promise<void> {
    const all = [...keys].map((k) => this.items.get(k)).filter((i): i is Item => i !== undefined);
    const chunks: Item[][] = [];
    for (let i = 0; i < all.length; i += 25) chunks.push(all.slice(i, i + 25));
    let next = 0;
    const worker = async () => {
      while (next < chunks.length) {
        const chunk = chunks[next++] as Item[];
        let requests = chunk.map((item) => ({ PutRequest: { Item: toItem(item) } }));
        for (let attempt = 0; requests.length > 0; attempt++) {
          if (attempt > 20) throw new Error('BatchWriteItem kept returning UnprocessedItems');
          const result = await this.client.send(new BatchWriteItemCommand({ RequestItems: { [this.tableName]: requests } }));
          requests = (result.UnprocessedItems?.[this.tableName] ?? []) as typeof requests;
          if (requests.length > 0) await new Promise((r) => setTimeout(r, 20 * (attempt + 1)));
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
  }
}

/**
 * A fresh table holding the projection of what `pool`'s database holds, with every table's
 * watermark at `watermarkMs` (ahead of the clock: the freshness gate reads it as fresh).
 */
export async function createProjectedTable(pool: pg.Pool, client: DynamoDBClient, watermarkMs: number): Promise<TestTable> {
  const table = await createTestTable(client);
  await new Projection(pool, client, table.name).snapshot();
  await writeWatermarks(client, table.name, watermarkMs);
  return table;
}

/** A private dynalite (its own process) holding such a projected table. */
export async function startProjectedDynalite(pool: pg.Pool, watermarkMs: number): Promise<{ dynalite: PrivateDynalite; table: TestTable }> {
  const dynalite = await PrivateDynalite.start();
  const client = testDynamoClient(dynalite.endpoint);
  try {
    return { dynalite, table: await createProjectedTable(pool, client, watermarkMs) };
  } catch (err) {
    await dynalite.destroy();
    throw err;
  } finally {
    client.destroy();
  }
}

/** Watermark items as the sink writes them (WATERMARK / <table>#0), all at `tsMs`. */
export async function writeWatermarks(client: DynamoDBClient, tableName: string, tsMs: number, tables = TABLES): Promise<void> {
  for (const table of tables) {
    await client.send(new PutItemCommand({
      TableName: tableName,
      Item: { pk: { S: 'WATERMARK' }, sk: { S: `${table}#0` }, [META.sourceTs]: { N: String(tsMs) } },
    }));
  }
}
