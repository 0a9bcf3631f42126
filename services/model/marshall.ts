/**
 * The sink's values to DynamoDB AttributeValues and back, by hand rather than through the
 * DocumentClient's translate options, so that exactness is decided here, once:
 * - decimals are already exact text and stay strings (S): DynamoDB numbers drop trailing zeros
 *   ("12.50" would come back "12.5") and the API prints the column's scale;
 * - JS numbers (int2/int4/float8, JSON numbers) become N from their shortest round-trip text,
 *   so the reader gets the very same double back; IntegerText keeps its digits;
 * - a value DynamoDB cannot hold exactly is poison, never silently changed.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { IntegerText, type SinkValue } from './change-event.js';
import { PoisonEventError } from './errors.js';

/** DynamoDB documents nest at most 32 levels. */
const MAX_DEPTH = 32;
// DynamoDB numbers: magnitude 1E-130 to 9.9999999999999999999999999999999999999E+125, 38 digits.
const MIN_MAGNITUDE = 1e-130;
const MAX_MAGNITUDE = 9.9999999999999999999999999999999999999e125;

function unrepresentable(message: string): PoisonEventError {
  return new PoisonEventError('UNREPRESENTABLE_VALUE', message);
}

function numberText(value: number): string {
  if (!Number.isFinite(value)) throw unrepresentable(`${value} is not a DynamoDB number`);
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < MIN_MAGNITUDE || magnitude > MAX_MAGNITUDE)) {
    throw unrepresentable(`${value} is outside DynamoDB's number range`);
  }
  return Object.is(value, -0) ? '0' : String(value);
}

export function toAttributeValue(value: SinkValue, depth = 0): AttributeValue {
  if (depth > MAX_DEPTH) throw unrepresentable(`a value nests deeper than DynamoDB's ${MAX_DEPTH} levels`);
  if (value === null) return { NULL: true };
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') return { N: numberText(value) };
  if (typeof value === 'boolean') return { BOOL: value };
  if (value instanceof IntegerText) {
    if (value.digits.replace(/^-/, '').replace(/^0+/, '').length > 38) throw unrepresentable('an integer with more than 38 digits');
    return { N: value.digits };
  }
  if (value instanceof Uint8Array) return { B: value };
  if (Array.isArray(value)) return { L: value.map((v) => toAttributeValue(v, depth + 1)) };
  const map: Record<string, AttributeValue> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key.length === 0) throw unrepresentable('a map with an empty key');
    map[key] = toAttributeValue(v, depth + 1);
  }
  return { M: map };
}

export function toItem(attributes: Record<string, SinkValue>): Record<string, AttributeValue> {
  const item: Record<string, AttributeValue> = {};
  for (const [name, value] of Object.entries(attributes)) item[name] = toAttributeValue(value);
  return item;
}

/** Back to the sink's values (the reader and copy pulls use this). */
export function fromAttributeValue(value: AttributeValue): SinkValue {
  if (value.NULL) return null;
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) {
    const n = Number(value.N);
    return /^-?\d+$/.test(value.N) && !Number.isSafeInteger(n) ? new IntegerText(value.N) : n;
  }
  if (value.BOOL !== undefined) return value.BOOL;
  if (value.B !== undefined) return value.B;
  if (value.L !== undefined) return value.L.map(fromAttributeValue);
  if (value.M !== undefined) {
    const out: Record<string, SinkValue> = {};
    for (const [k, v] of Object.entries(value.M)) out[k] = fromAttributeValue(v);
    return out;
  }
  throw new TypeError(`unsupported attribute value type: ${Object.keys(value).join(',')}`);
}

export function fromItem(item: Record<string, AttributeValue>): Record<string, SinkValue> {
  const out: Record<string, SinkValue> = {};
  for (const [name, value] of Object.entries(item)) out[name] = fromAttributeValue(value);
  return out;
}
