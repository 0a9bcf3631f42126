/**
 * The sink's own representation of a change: plain values, exact, independent of Avro and of
 * the Kafka client. Everything after decoding (transform, coalescing, the writer) sees only this.
 */

/** Marks a column whose value Debezium did not send (an unchanged TOASTed column). */
export const UNAVAILABLE: unique symbol = Symbol.for('bellyfed.sink.unavailable');
export type Unavailable = typeof UNAVAILABLE;

/**
 * An integer too large for a JS number (int8 beyond 2^53), kept as its exact decimal digits.
 * It is written as a DynamoDB number from these digits, never through a float.
 */
export class IntegerText {
  constructor(readonly digits: string) {
    if (!/^-?\d+$/.test(digits)) throw new RangeError(`not an integer: '${digits}'`);
  }
}

/**
 * A column value after conversion:
 * - numeric/decimal: its exact PostgreSQL text ("12.50"), a string — like node-postgres gives it,
 * - timestamptz: 'YYYY-MM-DDTHH:MM:SS.ffffffZ'; timestamp: the same without 'Z'; date: 'YYYY-MM-DD',
 * - jsonb/json: the parsed JSON value (as JSON.parse gives it, like node-postgres),
 * - arrays: lists (elements may be null), booleans, numbers (int2/int4/float8), uuid as text.
 */
export type SinkValue =
  | null
  | boolean
  | number
  | string
  | IntegerText
  | Uint8Array
  | SinkValue[]
  | { [key: string]: SinkValue };

export type ColumnValue = SinkValue | Unavailable;

/** One row image: column name → value. */
export type Row = Record<string, ColumnValue>;

export type ChangeOp = 'c' | 'u' | 'd' | 'r' | 't';

/** Where a record came from, for offsets, dead letters and per-partition watermarks. */
export interface RecordPosition {
  topic: string;
  partition: number;
  offset: string;
}

export interface ChangeEvent {
  kind: 'change';
  /** The PostgreSQL table (source.table), without schema. */
  table: string;
  schema: string;
  op: ChangeOp;
  before: Row | null;
  after: Row | null;
  /** Sortable source position of this change (see model/version.ts): the LSN guard's value. */
  version: string;
  /** Commit time in PostgreSQL (source.ts_ms): what freshness watermarks measure. */
  sourceTsMs: number;
  txId: number | null;
  /** True for initial and incremental snapshot reads (op 'r'). */
  snapshot: boolean;
  position: RecordPosition;
}

/** Debezium's liveness signal: the connector had processed the WAL up to sourceTsMs. */
export interface HeartbeatEvent {
  kind: 'heartbeat';
  sourceTsMs: number;
  position: RecordPosition;
}

/** A Kafka tombstone (null value) or a logical-decoding message: nothing to apply. */
export interface IgnoredRecord {
  kind: 'ignored';
  reason: 'tombstone' | 'logical-message';
  position: RecordPosition;
}

export type DecodedRecord = ChangeEvent | HeartbeatEvent | IgnoredRecord;
