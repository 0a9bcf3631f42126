/**
 * A Debezium record (value decoded from Avro by the registry client, plus its writer schema)
 * to a DecodedRecord. Pure: the Kafka consumer and the registry stay outside.
 */
import { PoisonEventError } from '../../model/errors.js';
import { AvroNames, recordFieldsOf, type AvroField, type AvroSchema } from './avro-schema.js';
import { changeVersion } from './change-version.js';
import { convertValue } from './convert-value.js';
import { isHeartbeatTable, isHeartbeatTopic } from '../../model/heartbeat.js';
import { DEFAULT_UNAVAILABLE_PLACEHOLDER, isUnavailablePlaceholder } from './unavailable.js';
import { UNAVAILABLE, type ChangeOp, type DecodedRecord, type RecordPosition, type Row } from '../../model/change-event.js';

export interface RawRecord extends RecordPosition {
  /** The value as avsc decoded it (null for a Kafka tombstone). */
  value: unknown;
  /** The writer schema of the value, as JSON (registry text, with Connect's attributes). */
  valueSchema: AvroSchema | undefined;
}

export interface DecodeOptions {
  unavailablePlaceholder?: string;
}

const OPS = new Set<string>(['c', 'u', 'd', 'r', 't', 'm']);

interface RawSource {
  table?: unknown;
  schema?: unknown;
  ts_ms?: unknown;
  txId?: unknown;
  lsn?: unknown;
  sequence?: unknown;
  snapshot?: unknown;
}

function undecodable(message: string, position: RecordPosition, cause?: unknown): PoisonEventError {
  return new PoisonEventError('UNDECODABLE_EVENT', message, { cause, details: { ...position } });
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  return undefined;
}

function convertRow(
  raw: unknown, fields: AvroField[], names: AvroNames, placeholder: string, position: RecordPosition,
): Row {
  if (typeof raw !== 'object' || raw === null) throw undecodable('a row image is not a record', position);
  const row: Row = {};
  for (const field of fields) {
    const value = (raw as Record<string, unknown>)[field.name];
    if (isUnavailablePlaceholder(value, placeholder)) {
      row[field.name] = UNAVAILABLE;
      continue;
    }
    try {
      row[field.name] = convertValue(value, field.type, names);
    } catch (cause) {
      throw new PoisonEventError('UNCONVERTIBLE_VALUE', `column '${field.name}': ${(cause as Error).message}`, {
        cause, details: { ...position, column: field.name },
      });
    }
  }
  return row;
}

/** What decoding reads from a writer schema: its named types and the row's fields. */
interface EnvelopeLayout {
  names: AvroNames;
  rowFields: AvroField[] | undefined;
}

// The registry client hands out one parsed schema object per id: its layout is worked out once, not per event.
const layouts = new WeakMap<object, EnvelopeLayout>();

function layoutOf(schema: AvroSchema): EnvelopeLayout {
  const cached = typeof schema === 'object' ? layouts.get(schema) : undefined;
  if (cached) return cached;
  const names = new AvroNames(schema);
  const envelopeFields = recordFieldsOf(names, schema) ?? [];
  const imageField = (name: string) => envelopeFields.find((f) => f.name === name);
  const layout = { names, rowFields: recordFieldsOf(names, (imageField('after') ?? imageField('before'))?.type ?? 'null') };
  if (typeof schema === 'object') layouts.set(schema, layout);
  return layout;
}

export function decodeRecord(record: RawRecord, options: DecodeOptions = {}): DecodedRecord {
  const position: RecordPosition = { topic: record.topic, partition: record.partition, offset: record.offset };
  if (record.value === null || record.value === undefined) return { kind: 'ignored', reason: 'tombstone', position };
  const value = record.value as Record<string, unknown>;

  if (isHeartbeatTopic(record.topic)) {
    const ts = toNumber(value.ts_ms);
    if (ts === undefined) throw undecodable('heartbeat without ts_ms', position);
    return { kind: 'heartbeat', sourceTsMs: ts, position };
  }

  const op = value.op;
  if (typeof op !== 'string' || !OPS.has(op)) throw undecodable(`unknown op '${String(op)}'`, position);
  if (op === 'm') return { kind: 'ignored', reason: 'logical-message', position };

  const source = value.source as RawSource | undefined;
  if (typeof source !== 'object' || source === null || typeof source.table !== 'string') {
    throw undecodable('the record has no source block naming its table', position);
  }
  const sourceTsMs = toNumber(source.ts_ms);
  if (sourceTsMs === undefined) throw undecodable('source.ts_ms is missing', position);
  if (isHeartbeatTable(source.table)) return { kind: 'heartbeat', sourceTsMs, position };

  if (record.valueSchema === undefined) throw undecodable('the writer schema is required to convert values', position);
  const { names, rowFields } = layoutOf(record.valueSchema);
  const placeholder = options.unavailablePlaceholder ?? DEFAULT_UNAVAILABLE_PLACEHOLDER;

  const image = (name: 'before' | 'after'): Row | null => {
    const raw = value[name];
    if (raw === null || raw === undefined) return null;
    if (!rowFields) throw undecodable(`the schema has no record type for '${name}'`, position);
    return convertRow(raw, rowFields, names, placeholder, position);
  };
  const before = image('before');
  const after = image('after');
  const changeOp = op as ChangeOp;
  if ((changeOp === 'c' || changeOp === 'r' || changeOp === 'u') && after === null) {
    throw undecodable(`op '${changeOp}' without an 'after' image`, position);
  }
  if (changeOp === 'd' && before === null) {
    throw undecodable("a delete without a 'before' image (is the table's REPLICA IDENTITY set?)", position);
  }

  const snapshotFlag = source.snapshot;
  let version: string;
  try {
    version = changeVersion(
      { lsn: source.lsn as bigint | number | null, sequence: source.sequence as string | null },
      changeOp !== 'r' ? 'stream' : snapshotFlag === 'incremental' ? 'incremental-snapshot' : 'snapshot',
    );
  } catch (cause) {
    throw undecodable(`bad source position: ${(cause as Error).message}`, position, cause);
  }
  return {
    kind: 'change',
    table: source.table,
    schema: typeof source.schema === 'string' ? source.schema : 'public',
    op: changeOp,
    before,
    after,
    version,
    sourceTsMs,
    txId: toNumber(source.txId) ?? null,
    snapshot: changeOp === 'r' || (snapshotFlag !== undefined && snapshotFlag !== null && snapshotFlag !== false && snapshotFlag !== 'false'),
    position,
  };
}
