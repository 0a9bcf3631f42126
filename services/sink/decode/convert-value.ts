/**
 * One column value, as the Avro decoder (avsc, unions unwrapped) hands it over, to the sink's
 * exact representation (types.ts), steered by the column's Avro schema: the semantic type that
 * Debezium put in `connect.name` decides, the physical Avro type only carries the bits.
 */
import { AvroNames, decimalScaleOf, semanticTypeOf, typeNameOf, type AvroSchema } from './avro-schema.js';
import { decimalFromBytes, decimalFromText, formatScaled, unscaledFromBytes } from './decimal.js';
import { formatEpochDays, formatEpochMicros, formatMicrosOfDay, normalizeZonedTimestamp, toMicros } from '../../model/temporal.js';
import { IntegerText, type SinkValue } from '../../model/change-event.js';

type Converter = (raw: unknown, schema: AvroSchema, names: AvroNames) => SinkValue;

const asLong = (raw: unknown): bigint | number => {
  if (typeof raw === 'bigint' || (typeof raw === 'number' && Number.isInteger(raw))) return raw;
  throw new TypeError(`expected an integer, got ${typeof raw}`);
};
const asString = (raw: unknown): string => {
  if (typeof raw === 'string') return raw;
  throw new TypeError(`expected a string, got ${typeof raw}`);
};
const asBytes = (raw: unknown): Uint8Array => {
  if (raw instanceof Uint8Array) return raw;
  throw new TypeError(`expected bytes, got ${typeof raw}`);
};

function decimalConverter(raw: unknown, schema: AvroSchema): SinkValue {
  if (typeof raw === 'string') return decimalFromText(raw);
  const scale = decimalScaleOf(schema);
  if (scale === undefined || !Number.isInteger(scale)) throw new RangeError('decimal schema has no scale');
  return decimalFromBytes(asBytes(raw), scale);
}

/** Converters by Kafka Connect / Debezium semantic type name (or Avro logicalType). */
const SEMANTIC: Record<string, Converter> = {
  'io.debezium.time.ZonedTimestamp': (raw) => normalizeZonedTimestamp(asString(raw)),
  'io.debezium.time.Timestamp': (raw) => formatEpochMicros(toMicros(asLong(raw), 'ms')),
  'io.debezium.time.MicroTimestamp': (raw) => formatEpochMicros(toMicros(asLong(raw), 'us')),
  'io.debezium.time.NanoTimestamp': (raw) => formatEpochMicros(toMicros(asLong(raw), 'ns')),
  'org.apache.kafka.connect.data.Timestamp': (raw) => formatEpochMicros(toMicros(asLong(raw), 'ms')),
  'timestamp-millis': (raw) => formatEpochMicros(toMicros(asLong(raw), 'ms')),
  'timestamp-micros': (raw) => formatEpochMicros(toMicros(asLong(raw), 'us')),
  'io.debezium.time.Date': (raw) => formatEpochDays(asLong(raw)),
  'org.apache.kafka.connect.data.Date': (raw) => formatEpochDays(asLong(raw)),
  date: (raw) => formatEpochDays(asLong(raw)),
  'io.debezium.time.MicroTime': (raw) => formatMicrosOfDay(toMicros(asLong(raw), 'us')),
  'io.debezium.time.Time': (raw) => formatMicrosOfDay(toMicros(asLong(raw), 'ms')),
  'io.debezium.time.NanoTime': (raw) => formatMicrosOfDay(toMicros(asLong(raw), 'ns')),
  'org.apache.kafka.connect.data.Time': (raw) => formatMicrosOfDay(toMicros(asLong(raw), 'ms')),
  'time-millis': (raw) => formatMicrosOfDay(toMicros(asLong(raw), 'ms')),
  'time-micros': (raw) => formatMicrosOfDay(toMicros(asLong(raw), 'us')),
  'io.debezium.data.Json': (raw) => JSON.parse(asString(raw)) as SinkValue,
  'io.debezium.data.Uuid': (raw) => asString(raw).toLowerCase(),
  'org.apache.kafka.connect.data.Decimal': decimalConverter,
  decimal: decimalConverter,
  'io.debezium.data.VariableScaleDecimal': (raw) => {
    const struct = raw as { scale?: unknown; value?: unknown };
    if (typeof struct !== 'object' || struct === null || typeof struct.scale !== 'number') {
      throw new TypeError('VariableScaleDecimal must be a {scale, value} record');
    }
    return formatScaled(unscaledFromBytes(asBytes(struct.value)), struct.scale);
  },
};

/** Chooses the union branch a value belongs to (avsc unwraps [null, X]; it wraps ambiguous unions as {branch: value}). */
function unionBranch(raw: unknown, branches: AvroSchema[], names: AvroNames): { schema: AvroSchema; value: unknown } {
  const nonNull = names.nonNullBranches(branches);
  if (nonNull.length === 1 && nonNull[0] !== undefined) return { schema: nonNull[0], value: raw };
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw) && !(raw instanceof Uint8Array)) {
    const keys = Object.keys(raw);
    if (keys.length === 1 && keys[0] !== undefined) {
      const wrapped = keys[0];
      const match = nonNull.find((b) => typeNameOf(b) === wrapped || (typeof b === 'object' && !Array.isArray(b) && (b.name === wrapped || b.name?.endsWith(`.${wrapped}`) || wrapped.endsWith(`.${b.name ?? '\u0000'}`))));
      if (match !== undefined) return { schema: match, value: (raw as Record<string, unknown>)[wrapped] };
    }
  }
  throw new TypeError(`cannot tell which branch of a ${branches.length}-way union holds the value`);
}

export function convertValue(raw: unknown, schema: AvroSchema, names: AvroNames): SinkValue {
  if (raw === null || raw === undefined) return null;
  const resolved = names.resolve(schema);
  if (Array.isArray(resolved)) {
    const branch = unionBranch(raw, resolved, names);
    return convertValue(branch.value, branch.schema, names);
  }
  const semantic = semanticTypeOf(resolved);
  const converter = semantic === undefined ? undefined : SEMANTIC[semantic];
  if (converter) return converter(raw, resolved, names);

  const type = typeNameOf(resolved);
  switch (type) {
    case 'boolean':
      if (typeof raw !== 'boolean') throw new TypeError(`expected a boolean, got ${typeof raw}`);
      return raw;
    case 'int':
    case 'float':
    case 'double':
      if (typeof raw !== 'number') throw new TypeError(`expected a number, got ${typeof raw}`);
      return raw;
    case 'long': {
      const long = asLong(raw);
      if (typeof long === 'number') return long;
      return Number.isSafeInteger(Number(long)) ? Number(long) : new IntegerText(long.toString());
    }
    case 'string':
    case 'enum':
      return asString(raw);
    case 'bytes':
    case 'fixed':
      return new Uint8Array(asBytes(raw));
    case 'array': {
      if (!Array.isArray(raw)) throw new TypeError(`expected a list, got ${typeof raw}`);
      const items = (resolved as { items?: AvroSchema }).items ?? 'null';
      return raw.map((element) => convertValue(element, items, names));
    }
    case 'map': {
      const values = (resolved as { values?: AvroSchema }).values ?? 'null';
      const out: Record<string, SinkValue> = {};
      for (const [key, value] of Object.entries(raw as Record<string, unknown>)) out[key] = convertValue(value, values, names);
      return out;
    }
    case 'record': {
      const out: Record<string, SinkValue> = {};
      for (const field of (resolved as { fields?: { name: string; type: AvroSchema }[] }).fields ?? []) {
        out[field.name] = convertValue((raw as Record<string, unknown>)[field.name], field.type, names);
      }
      return out;
    }
    default:
      throw new TypeError(`unsupported Avro type '${type}'`);
  }
}
