/** The command's options, validated: a bad value is a usage error (exit 2) naming the flag and what it takes. */
import { BellyfedError } from '../shared/errors.js';
import { SOURCE_TABLES } from './item-keys.js';

export interface ReconcileOptions {
  /** One source table, or undefined for all. */
  table: string | undefined;
  repair: boolean;
  json: boolean;
  /** Longest wait for changes in flight to land (0: report what the pass found). */
  settleSeconds: number;
  /** Parallel Scan segments. */
  segments: number;
  /** Differences printed (the JSON document lists as many). */
  limit: number;
}

/** Differences kept in memory for settling, repair and listing; beyond it they are only counted. */
export const DIFFERENCE_LIMIT = 100_000;
export const KEY_PAGE_SIZE = 1000;
export const SETTLE_POLL_MS = 250;
export const REPAIR_IN_FLIGHT = 16;

export const DEFAULTS = { settleSeconds: 60, segments: 4, limit: 20 } as const;

function usage(message: string): BellyfedError {
  return new BellyfedError('CLI_USAGE', message);
}

export function parseTable(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!SOURCE_TABLES.includes(value)) throw usage(`--table must be one of ${SOURCE_TABLES.join(', ')} (got '${value}')`);
  return value;
}

export function parseWhole(flag: string, value: string | number | undefined, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  const text = String(value);
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) throw usage(`${flag} must be a whole number from ${min} to ${max} (got '${text}')`);
  return Number(text);
}

export interface RawOptions {
  table?: string;
  repair?: boolean;
  json?: boolean;
  settleSeconds?: string;
  segments?: string;
  limit?: string;
}

export function parseOptions(raw: RawOptions): ReconcileOptions {
  return {
    table: parseTable(raw.table),
    repair: raw.repair === true,
    json: raw.json === true,
    settleSeconds: parseWhole('--settle-seconds', raw.settleSeconds, 0, 3600, DEFAULTS.settleSeconds),
    segments: parseWhole('--segments', raw.segments, 1, 64, DEFAULTS.segments),
    limit: parseWhole('--limit', raw.limit, 0, DIFFERENCE_LIMIT, DEFAULTS.limit),
  };
}
