/**
 * PostgreSQL numeric values, exactly. Debezium sends them as
 * - decimal.handling.mode=string: the plain text (BigDecimal.toPlainString, e.g. "12.50"),
 * - decimal.handling.mode=precise: the unscaled value as big-endian two's-complement bytes and
 *   the scale in the schema (Connect Decimal), or for numeric without a declared scale a
 *   {scale, value} record (io.debezium.data.VariableScaleDecimal).
 * Both become the same text, with the column's scale kept ("12.50", not "12.5"): that is what
 * PostgreSQL (and so the read API) prints. No float is ever involved.
 */

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;
// numeric also holds these; Debezium's string mode passes them through.
const SPECIAL = new Set(['NaN', 'Infinity', '-Infinity']);

/** The unscaled integer of a big-endian two's-complement byte string. */
export function unscaledFromBytes(bytes: Uint8Array): bigint {
  if (bytes.length === 0) throw new RangeError('a decimal needs at least one byte');
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  const negative = (bytes[0] ?? 0) >= 0x80;
  return negative ? value - (1n << BigInt(bytes.length * 8)) : value;
}

/** unscaled × 10^-scale as plain text; a negative scale (numeric(p, -s)) appends zeros. */
export function formatScaled(unscaled: bigint, scale: number): string {
  if (!Number.isInteger(scale)) throw new RangeError(`a decimal scale must be an integer, got ${scale}`);
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString();
  let text: string;
  if (scale <= 0) {
    text = unscaled === 0n ? '0' : digits + '0'.repeat(-scale);
  } else {
    const padded = digits.padStart(scale + 1, '0');
    text = `${padded.slice(0, padded.length - scale)}.${padded.slice(padded.length - scale)}`;
  }
  return negative ? `-${text}` : text;
}

export function decimalFromBytes(bytes: Uint8Array, scale: number): string {
  return formatScaled(unscaledFromBytes(bytes), scale);
}

/** Checks a string-mode decimal: plain digits only (an exponent would mean a converter change). */
export function decimalFromText(text: string): string {
  if (PLAIN_DECIMAL.test(text) || SPECIAL.has(text)) return text;
  throw new RangeError(`not a plain decimal: '${text.slice(0, 64)}'`);
}
