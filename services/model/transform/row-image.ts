/** Row images as the transform needs them: placeholders resolved where possible, values compared exactly. */
import { IntegerText, UNAVAILABLE, type ColumnValue, type Row, type SinkValue } from '../change-event.js';

/**
 * An update's after image with each unavailable (TOASTed, unchanged) column taken from the
 * before image when that has it: with REPLICA IDENTITY FULL the old tuple is logged in full,
 * and "unchanged" means the old value is the current one. What stays unavailable is unknown.
 */
export function resolveUnavailable(after: Row, before: Row | null): Row {
  const resolved: Row = {};
  for (const [column, value] of Object.entries(after)) {
    const old = before?.[column];
    resolved[column] = value === UNAVAILABLE && old !== undefined && old !== UNAVAILABLE ? old : value;
  }
  return resolved;
}

export function unavailableColumns(row: Row): string[] {
  return Object.entries(row).filter(([, v]) => v === UNAVAILABLE).map(([c]) => c);
}

/** The available columns only. */
export function availableValues(row: Row): Record<string, SinkValue> {
  const out: Record<string, SinkValue> = {};
  for (const [column, value] of Object.entries(row)) if (value !== UNAVAILABLE) out[column] = value;
  return out;
}

export function sameValue(a: ColumnValue | undefined, b: ColumnValue | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null || a === UNAVAILABLE || b === UNAVAILABLE) return false;
  if (a instanceof IntegerText || b instanceof IntegerText) {
    return a instanceof IntegerText && b instanceof IntegerText && a.digits === b.digits;
  }
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    return a instanceof Uint8Array && b instanceof Uint8Array && Buffer.from(a).equals(Buffer.from(b));
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  }
  if (typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && sameValue(a[k], b[k]));
  }
  return false;
}
