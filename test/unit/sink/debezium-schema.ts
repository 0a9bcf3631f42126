/**
 * Debezium-shaped Avro schemas (as the Apicurio/Confluent AvroConverter registers them: Connect
 * semantic types in connect.name, nullable columns as ["null", T]), and a round trip through
 * avsc exactly as @kafkajs/confluent-schema-registry decodes (Type.forSchema, default unions),
 * with the BigInt long type the sink requires.
 */
import avsc from 'avsc';
import type { AvroSchema } from '../../../services/sink/decode/avro-schema.js';
import { bigintLongType } from '../../../services/sink/decode/bigint-long.js';

export const T = {
  uuid: { type: 'string', 'connect.version': 1, 'connect.name': 'io.debezium.data.Uuid' },
  zoned: { type: 'string', 'connect.version': 1, 'connect.name': 'io.debezium.time.ZonedTimestamp' },
  date: { type: 'int', 'connect.version': 1, 'connect.name': 'io.debezium.time.Date' },
  microTimestamp: { type: 'long', 'connect.version': 1, 'connect.name': 'io.debezium.time.MicroTimestamp' },
  json: { type: 'string', 'connect.version': 1, 'connect.name': 'io.debezium.data.Json' },
  decimal: (precision: number, scale: number) => ({
    type: 'bytes', scale, precision, 'connect.version': 1,
    'connect.parameters': { scale: String(scale), 'connect.decimal.precision': String(precision) },
    'connect.name': 'org.apache.kafka.connect.data.Decimal', logicalType: 'decimal',
  }),
  variableDecimal: {
    type: 'record', name: 'VariableScaleDecimal', namespace: 'io.debezium.data',
    fields: [{ name: 'scale', type: 'int' }, { name: 'value', type: 'bytes' }],
    'connect.doc': 'Variable scaled decimal', 'connect.version': 1, 'connect.name': 'io.debezium.data.VariableScaleDecimal',
  },
  textArray: { type: 'array', items: ['null', 'string'] },
} as const;

export type Column = [name: string, type: unknown, nullable?: boolean];

export function envelopeSchema(table: string, columns: Column[]): AvroSchema {
  const value = {
    type: 'record', name: 'Value', namespace: `bellyfed.public.${table}`,
    fields: columns.map(([name, type, nullable]) => (nullable ? { name, type: ['null', type], default: null } : { name, type })),
    'connect.name': `bellyfed.public.${table}.Value`,
  };
  return {
    type: 'record', name: 'Envelope', namespace: `bellyfed.public.${table}`,
    fields: [
      { name: 'before', type: ['null', value], default: null },
      { name: 'after', type: ['null', 'Value'], default: null },
      {
        name: 'source',
        type: {
          type: 'record', name: 'Source', namespace: 'io.debezium.connector.postgresql',
          fields: [
            { name: 'version', type: 'string' }, { name: 'connector', type: 'string' }, { name: 'name', type: 'string' },
            { name: 'ts_ms', type: 'long' },
            { name: 'snapshot', type: [{ type: 'string', 'connect.version': 1, 'connect.name': 'io.debezium.data.Enum' }, 'null'], default: 'false' },
            { name: 'db', type: 'string' }, { name: 'sequence', type: ['null', 'string'], default: null },
            { name: 'ts_us', type: ['null', 'long'], default: null }, { name: 'ts_ns', type: ['null', 'long'], default: null },
            { name: 'schema', type: 'string' }, { name: 'table', type: 'string' },
            { name: 'txId', type: ['null', 'long'], default: null }, { name: 'lsn', type: ['null', 'long'], default: null },
            { name: 'xmin', type: ['null', 'long'], default: null },
          ],
          'connect.name': 'io.debezium.connector.postgresql.Source',
        },
      },
      { name: 'transaction', type: ['null', { type: 'record', name: 'block', namespace: 'event', fields: [{ name: 'id', type: 'string' }, { name: 'total_order', type: 'long' }, { name: 'data_collection_order', type: 'long' }] }], default: null },
      { name: 'op', type: 'string' },
      { name: 'ts_ms', type: ['null', 'long'], default: null },
      { name: 'ts_us', type: ['null', 'long'], default: null },
      { name: 'ts_ns', type: ['null', 'long'], default: null },
    ],
    'connect.version': 2,
    'connect.name': `bellyfed.public.${table}.Envelope`,
  } as unknown as AvroSchema;
}

export function source(table: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: '3.6.1.Final', connector: 'postgresql', name: 'bellyfed', ts_ms: 1_767_225_600_123n, snapshot: 'false', db: 'bellyfed',
    sequence: '["24023119","24023128"]', ts_us: 1_767_225_600_123_456n, ts_ns: 1_767_225_600_123_456_789n,
    schema: 'public', table, txId: 555n, lsn: 24_023_128n, xmin: null, ...over,
  };
}

/** Encodes with avsc and decodes back: the object shape the sink's consumer will hold. */
export function throughAvro(schema: AvroSchema, value: Record<string, unknown>): unknown {
  const type = avsc.Type.forSchema(schema as avsc.Schema, { registry: { long: bigintLongType() } } as unknown as Partial<avsc.ForSchemaOptions>);
  return type.fromBuffer(type.toBuffer(value));
}
