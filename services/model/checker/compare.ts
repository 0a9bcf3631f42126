/**
 * Item-by-item comparison of what PostgreSQL implies with what DynamoDB holds. Pure. Values are
 * compared exactly (numbers by value, so DynamoDB's number text normalisation does not count),
 * bookkeeping attributes are ignored (_v, _ts, _ttl, copy versions), tombstones count as absent.
 */
import { IntegerText, type SinkValue } from '../change-event.js';
import type { ItemValues } from './expected-items.js';

export interface AttributeDifference {
  attribute: string;
  expected: SinkValue | undefined;
  actual: SinkValue | undefined;
}

export interface ItemDifference {
  pk: string;
  sk: string;
  attributes: AttributeDifference[];
}

export interface CheckReport {
  equal: boolean;
  expectedCount: number;
  actualCount: number;
  missing: Array<{ pk: string; sk: string; type: unknown }>;
  extra: Array<{ pk: string; sk: string; type: unknown }>;
  different: ItemDifference[];
}

const IGNORED = new Set(['_v', '_ts', '_ttl']);

export function isBookkeepingAttribute(name: string): boolean {
  return IGNORED.has(name) || name.startsWith('_cv_');
}

export function sameSinkValue(a: SinkValue | undefined, b: SinkValue | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  const numeric = (v: SinkValue) => (typeof v === 'number' ? String(v) : v instanceof IntegerText ? v.digits : undefined);
  const na = numeric(a);
  const nb = numeric(b);
  if (na !== undefined || nb !== undefined) return na !== undefined && nb !== undefined && Number(na) === Number(nb) && (na.includes('.') || nb.includes('.') || BigInt(na) === BigInt(nb));
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    return a instanceof Uint8Array && b instanceof Uint8Array && Buffer.from(a).equals(Buffer.from(b));
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => sameSinkValue(v, b[i]));
  }
  if (typeof a === 'object' && typeof b === 'object') {
    const ma = a as Record<string, SinkValue>;
    const mb = b as Record<string, SinkValue>;
    const ka = Object.keys(ma);
    return ka.length === Object.keys(mb).length && ka.every((k) => Object.hasOwn(mb, k) && sameSinkValue(ma[k], mb[k]));
  }
  return false;
}

export function compareItem(expected: ItemValues, actual: ItemValues): AttributeDifference[] {
  const names = new Set([...Object.keys(expected), ...Object.keys(actual)].filter((n) => !isBookkeepingAttribute(n)));
  const out: AttributeDifference[] = [];
  for (const attribute of [...names].sort()) {
    if (!sameSinkValue(expected[attribute], actual[attribute])) out.push({ attribute, expected: expected[attribute], actual: actual[attribute] });
  }
  return out;
}

/** Compares whole maps (keyed by itemId); the checker feeds it one entity at a time to bound memory. */
export function compareItems(expected: Map<string, ItemValues>, actual: Map<string, ItemValues>): CheckReport {
  const report: CheckReport = { equal: true, expectedCount: expected.size, actualCount: actual.size, missing: [], extra: [], different: [] };
  for (const [id, item] of expected) {
    const stored = actual.get(id);
    if (stored === undefined) report.missing.push({ pk: String(item.pk), sk: String(item.sk), type: item._type });
    else {
      const attributes = compareItem(item, stored);
      if (attributes.length > 0) report.different.push({ pk: String(item.pk), sk: String(item.sk), attributes });
    }
  }
  for (const [id, item] of actual) if (!expected.has(id)) report.extra.push({ pk: String(item.pk), sk: String(item.sk), type: item._type });
  report.equal = report.missing.length === 0 && report.extra.length === 0 && report.different.length === 0;
  return report;
}

export function summarize(report: CheckReport, max = 5): string {
  if (report.equal) return `equal (${report.expectedCount} items)`;
  const show = (label: string, list: unknown[]) => (list.length === 0 ? '' : `${label} ${list.length}: ${JSON.stringify(list.slice(0, max), (_k, v) => (typeof v === 'bigint' ? String(v) : v))}\n`);
  return `expected ${report.expectedCount}, stored ${report.actualCount}\n${show('missing', report.missing)}${show('extra', report.extra)}${show('different', report.different)}`;
}
