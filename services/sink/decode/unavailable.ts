/**
 * Debezium's stand-in for a value it did not read: an unchanged TOASTed column in an update
 * (pgoutput does not resend it). It arrives in the column's own type: a string for text and
 * json, the placeholder's UTF-8 bytes for bytea and precise decimals, and a one-element list
 * holding the placeholder for arrays. It must never overwrite a stored value.
 */
export const DEFAULT_UNAVAILABLE_PLACEHOLDER = '__debezium_unavailable_value';

export function isUnavailablePlaceholder(raw: unknown, placeholder = DEFAULT_UNAVAILABLE_PLACEHOLDER): boolean {
  if (typeof raw === 'string') return raw === placeholder;
  if (raw instanceof Uint8Array) return Buffer.from(raw).toString('utf8') === placeholder;
  if (Array.isArray(raw)) return raw.length === 1 && isUnavailablePlaceholder(raw[0], placeholder) && !Array.isArray(raw[0]);
  return false;
}
