/**
 * Encodings that make DynamoDB's string order equal PostgreSQL's ORDER BY.
 *
 * DynamoDB compares string keys by their UTF-8 bytes; PostgreSQL with COLLATE "C" compares
 * text by bytes too (and a proper prefix sorts first). A tuple (name, id) therefore sorts like
 * the string name + SEPARATOR + id provided SEPARATOR sorts below every byte a name can hold:
 * names cannot contain NUL (PostgreSQL text) nor U+0001–U+001F (CHECK constraints in
 * schemas/sql/0001), so U+0001 works, and then "Ab" < "Ab c" holds for both.
 * A uuid's lowercase hex text sorts like the uuid itself (PostgreSQL compares uuid bytes).
 */

export const SEPARATOR = '\u0001';
/** The character just above SEPARATOR: 'x' + SEPARATOR_END is above every 'x' + SEPARATOR + … . */
export const SEPARATOR_END = '\u0002';

const CONTROL = /[\u0000-\u001f]/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CANONICAL_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
/** DynamoDB limits: a partition key value ≤ 2048 bytes, a sort key value ≤ 1024 bytes. */
export const MAX_PARTITION_KEY_BYTES = 2048;
export const MAX_SORT_KEY_BYTES = 1024;
/** The widest integer column used in a key (PostgreSQL integer): 10 digits. */
const INTEGER_WIDTH = 10;

/** True when text can be part of a key without breaking the order (no control characters). */
export function isKeyText(text: string): boolean {
  return text.length > 0 && !CONTROL.test(text);
}

export function keyText(text: unknown, what: string): string {
  if (typeof text !== 'string' || !isKeyText(text)) {
    throw new RangeError(`${what} must be non-empty text without control characters to be part of a key`);
  }
  return text;
}

export function keyUuid(id: unknown, what: string): string {
  if (typeof id !== 'string' || !UUID.test(id)) throw new RangeError(`${what} must be a lowercase uuid, got '${String(id)}'`);
  return id;
}

/** A non-negative integer (PostgreSQL integer) zero-padded so that text order is numeric order. */
export function keyNonNegativeInteger(value: unknown, what: string): string {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 2_147_483_647) {
    throw new RangeError(`${what} must be an integer from 0 to 2147483647, got ${String(value)}`);
  }
  return String(value).padStart(INTEGER_WIDTH, '0');
}

/** A canonical timestamp (decode/temporal.ts): fixed width, so text order is time order. */
export function keyTimestamp(value: unknown, what: string): string {
  if (typeof value !== 'string' || !CANONICAL_TIMESTAMP.test(value)) {
    throw new RangeError(`${what} must be a timestamp 'YYYY-MM-DDTHH:MM:SS.ffffffZ' (years 0001–9999), got '${String(value)}'`);
  }
  return value;
}

/** (name, id) in PostgreSQL's order ORDER BY name COLLATE "C", id. */
export function nameIdSortKey(name: unknown, id: unknown): string {
  return `${keyText(name, 'name')}${SEPARATOR}${keyUuid(id, 'id')}`;
}

/** (city, name, id): restaurants of one cuisine, grouped by city, each city in listing order. */
export function cityNameIdSortKey(city: unknown, name: unknown, id: unknown): string {
  return `${keyText(city, 'city')}${SEPARATOR}${nameIdSortKey(name, id)}`;
}

/**
 * The smallest string above the key of (name, id): a Query for "after the cursor" uses it with
 * >= or BETWEEN. No stored key extends another key, so nothing lies between the two.
 */
export function justAfter(sortKey: string): string {
  return `${sortKey}${SEPARATOR}`;
}

export function assertKeySize(value: string, kind: 'partition' | 'sort', what: string): string {
  const bytes = Buffer.byteLength(value, 'utf8');
  const max = kind === 'partition' ? MAX_PARTITION_KEY_BYTES : MAX_SORT_KEY_BYTES;
  if (bytes > max) throw new RangeError(`${what} key is ${bytes} bytes; DynamoDB allows ${max}`);
  return value;
}
