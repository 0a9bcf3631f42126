/**
 * PostgreSQL rows as the sink sees them after Debezium: the same exact value forms
 * (model/change-event.ts), so that the transform can run on rows read straight from PostgreSQL.
 * Values are read as PostgreSQL's text and converted here, per column type, never through a
 * JS Date or float of a numeric.
 */
import pg from 'pg';
import { normalizeZonedTimestamp } from '../temporal.js';
import { IntegerText, type Row, type SinkValue } from '../change-event.js';

const OID = { int8: 20, timestamptz: 1184, timestamp: 1114, date: 1082, numeric: 1700, time: 1083 } as const;

function timestampText(text: string): string {
  // '2025-01-02 03:04:05.123456+00' → the canonical 'YYYY-MM-DDTHH:MM:SS.ffffffZ'
  return normalizeZonedTimestamp(text.replace(' ', 'T'));
}

function localTimestampText(text: string): string {
  const [date, time = '00:00:00'] = text.split(' ');
  const [hms, fraction = ''] = time.split('.');
  return `${date}T${hms}.${fraction.padEnd(6, '0')}`;
}

/** Type parsers for one query: exact text where the default would lose something. */
export const SINK_VALUE_TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) => {
    switch (oid) {
      case OID.int8:
        return (v: string) => (Number.isSafeInteger(Number(v)) ? Number(v) : new IntegerText(v));
      case OID.timestamptz:
        return timestampText;
      case OID.timestamp:
        return localTimestampText;
      case OID.date:
      case OID.numeric:
        return (v: string) => v;
      default:
        return pg.types.getTypeParser(oid, format as 'text');
    }
  }) as pg.CustomTypesConfig['getTypeParser'],
};

export function toRow(raw: Record<string, unknown>): Row {
  const row: Row = {};
  for (const [column, value] of Object.entries(raw)) row[column] = (value ?? null) as SinkValue;
  return row;
}
