/** What the reconciler finds and reports. */
import type { AttributeDifference } from '../model/checker/compare.js';

export type DifferenceKind = 'missing' | 'extra' | 'different';

/** The bookkeeping of a stored item that in-flight decisions and repairs need. */
export interface StoredState {
  /** `_v`; undefined when the item has none (written by hand, not by the sink). */
  version: string | undefined;
  /** `_cv_<copy>` attributes: the version of each copy's source the item shows. */
  copyVersions: Record<string, string>;
  /** `_ts` (source time, ms). */
  sourceTsMs: number | undefined;
  tombstone: boolean;
}

export interface Difference {
  kind: DifferenceKind;
  /** The source table, or 'unknown' for an item whose key is no row's. */
  table: string;
  pk: string;
  sk: string;
  /** For 'different': every attribute that differs, with both values. */
  attributes: AttributeDifference[];
  /** What is stored at the key (undefined: nothing). */
  stored: StoredState | undefined;
}

/** Per source table: what was read and what differs. */
export interface TableCounts {
  rows: number;
  items: number;
  missing: number;
  extra: number;
  different: number;
  /** Differences explained by changes newer than the snapshot (not reported). */
  inFlight: number;
}

export function emptyCounts(): TableCounts {
  return { rows: 0, items: 0, missing: 0, extra: 0, different: 0, inFlight: 0 };
}
