/**
 * The outcome of a run, as one stable JSON document (docs/RECONCILE.md) and as text. Pure.
 * Counts by kind are those of the differences still standing after settling (and repair);
 * `inFlight` counts what changes newer than a snapshot explained.
 */
import { IntegerText, type SinkValue } from '../model/change-event.js';
import type { RepairCounts } from './repair.js';
import { emptyCounts, type Difference, type DifferenceKind, type TableCounts } from './types.js';

export interface ReconcileResult {
  table: string | undefined;
  dynamodbTable: string;
  snapshot: { lsn: bigint; atMs: number };
  /** Per table, from the pass: rows, items, inFlight (kinds are recounted from `remaining`). */
  passCounts: Map<string, TableCounts>;
  /** Differences after settling (and, with --repair, what the repair did not fix). */
  remaining: Difference[];
  /** Differences over the memory limit: counted by the pass, neither settled nor repaired. */
  untracked: number;
  /** Differences explained by later changes during the settle rounds. */
  settledAway: number;
  settle: { rounds: number; settled: boolean; seconds: number };
  /** With --repair: what it did, and the differences it set out to repair. */
  repair: (RepairCounts & { found: number; differences: Difference[] }) | undefined;
  rows: number;
  items: number;
  /** The full pass alone: what the rate is measured on. */
  passSeconds: number;
  elapsedSeconds: number;
}

export const REPORT_VERSION = 1;

export function formatLsn(lsn: bigint): string {
  return `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`;
}

/** Final per-table counts: the pass's reads, the kinds of what still stands. */
export function finalCounts(result: ReconcileResult): Record<string, TableCounts> {
  const out: Record<string, TableCounts> = {};
  for (const [table, counts] of [...result.passCounts].sort(([a], [b]) => (a < b ? -1 : 1))) {
    out[table] = { ...counts, missing: 0, extra: 0, different: 0 };
  }
  for (const d of result.remaining) {
    out[d.table] ??= emptyCounts();
    out[d.table]![d.kind]++;
  }
  return out;
}

export function totals(counts: Record<string, TableCounts>): TableCounts {
  const sum = emptyCounts();
  for (const c of Object.values(counts)) for (const k of Object.keys(sum) as (keyof TableCounts)[]) sum[k] += c[k];
  return sum;
}

export function isEqual(result: ReconcileResult): boolean {
  return result.remaining.length === 0 && result.untracked === 0;
}

function jsonValue(value: SinkValue | undefined): unknown {
  if (value === undefined) return null;
  if (value instanceof IntegerText) return value.digits;
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(jsonValue);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonValue(v)]));
  return value;
}

export function differenceJson(d: Difference) {
  return {
    kind: d.kind, table: d.table, pk: d.pk, sk: d.sk, storedVersion: d.stored?.version ?? null,
    attributes: d.attributes.map((a) => ({ name: a.attribute, expected: jsonValue(a.expected), actual: jsonValue(a.actual) })),
  };
}

export function reportJson(result: ReconcileResult, limit: number) {
  const tables = finalCounts(result);
  const total = totals(tables);
  return {
    version: REPORT_VERSION,
    equal: isEqual(result),
    table: result.table ?? null,
    dynamodbTable: result.dynamodbTable,
    snapshot: { lsn: formatLsn(result.snapshot.lsn), at: new Date(result.snapshot.atMs).toISOString() },
    totals: { ...total, untracked: result.untracked },
    tables,
    differences: result.remaining.slice(0, limit).map(differenceJson),
    differencesOmitted: Math.max(0, result.remaining.length - limit) + result.untracked,
    settle: { ...result.settle, resolved: result.settledAway },
    repair: result.repair === undefined ? null : {
      found: result.repair.found, put: result.repair.put, tombstone: result.repair.tombstone, delete: result.repair.delete,
      skippedNewer: result.repair.skippedNewer, differences: result.repair.differences.slice(0, limit).map(differenceJson),
    },
    elapsedSeconds: Number(result.elapsedSeconds.toFixed(3)),
    passSeconds: Number(result.passSeconds.toFixed(3)),
    rowsPerSecond: Math.round(result.rows / Math.max(result.passSeconds, 1e-3)),
    rows: result.rows,
    items: result.items,
  };
}

export type ReportJson = ReturnType<typeof reportJson>;

const KINDS: DifferenceKind[] = ['missing', 'extra', 'different'];

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? 'absent';
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export function reportText(result: ReconcileResult, limit: number): string {
  const doc = reportJson(result, limit);
  const lines: string[] = [];
  lines.push(`reconcile ${doc.table ?? 'all tables'} against ${doc.dynamodbTable} (snapshot ${doc.snapshot.lsn} at ${doc.snapshot.at})`);
  const header = ['table', 'rows', 'items', ...KINDS, 'in flight'];
  const rows = Object.entries(doc.tables).map(([t, c]) => [t, c.rows, c.items, c.missing, c.extra, c.different, c.inFlight].map(String));
  rows.push(['total', ...[doc.totals.rows, doc.totals.items, doc.totals.missing, doc.totals.extra, doc.totals.different, doc.totals.inFlight].map(String)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const row of [header, ...rows]) lines.push(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '));
  if (doc.differences.length > 0) {
    lines.push('', `differences (first ${doc.differences.length}${doc.differencesOmitted > 0 ? `, ${doc.differencesOmitted} more` : ''}):`);
    for (const d of doc.differences) {
      const detail = d.attributes.map((a) => `${a.name}: expected ${show(a.expected)}, stored ${show(a.actual)}`).join('; ');
      lines.push(`  ${d.kind.padEnd(9)} ${d.table} ${d.pk} / ${d.sk}${detail ? `  ${detail}` : ''}`);
    }
  } else if (doc.differencesOmitted > 0) lines.push('', `${doc.differencesOmitted} differences not listed`);
  if (result.untracked > 0) lines.push(`${result.untracked} differences beyond the memory limit were counted only (not settled or repaired): run again, per --table`);
  if (doc.settle.rounds > 0) {
    lines.push(`settle: ${doc.settle.rounds} round(s), ${doc.settle.resolved} difference(s) were changes in flight${doc.settle.settled ? '' : '; the pipeline did not pass the snapshot before the deadline: what is left may still be in flight'}`);
  }
  if (doc.repair) {
    const r = doc.repair;
    lines.push('', `repair: ${r.found} to repair: ${r.put} written, ${r.tombstone} tombstoned, ${r.delete} deleted, ${r.skippedNewer} left alone (a newer state arrived)`);
    for (const d of r.differences) lines.push(`  ${d.kind.padEnd(9)} ${d.table} ${d.pk} / ${d.sk}${d.attributes.length > 0 ? `  (${d.attributes.map((a) => a.name).join(', ')})` : ''}`);
  }
  lines.push(`${doc.equal ? 'equal' : 'DIFFERENT'}: read ${doc.rows} rows and ${doc.items} items in ${doc.passSeconds.toFixed(1)} s (${doc.rowsPerSecond} rows/s); ${doc.elapsedSeconds.toFixed(1)} s in all`);
  return `${lines.join('\n')}\n`;
}
