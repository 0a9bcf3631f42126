/**
 * Changes newer than the snapshot are not differences. A stored version (`_v`, or a copy's
 * `_cv_<copy>`) is '<class>.<commit position>.<change LSN>' (model/version.ts); it comes from a
 * change committed after the snapshot when either position is at or past the snapshot's WAL
 * position (pg_current_wal_lsn() inside the snapshot): such a record, or the commit before it,
 * was written after the snapshot was taken.
 *
 * The converse does not hold: a transaction that wrote its records before the snapshot point
 * but committed after it carries lower positions. Those differences are left to the settle
 * rounds (settle.ts), which re-check against a later snapshot.
 */
import { COPIES } from '../model/copies.js';
import { TABLE_OF_ENTITY } from '../model/entities.js';
import { isVersion } from '../model/version.js';
import type { Difference } from './types.js';

export function isAheadOf(version: string | undefined, snapshotLsn: bigint): boolean {
  if (version === undefined || !isVersion(version)) return false;
  const [, commit, lsn] = version.split('.');
  return BigInt(`0x${commit}`) >= snapshotLsn || BigInt(`0x${lsn}`) >= snapshotLsn;
}

/** Per target table: the copy (by its version attribute) each copied attribute belongs to. */
const COPY_OF_ATTRIBUTE = new Map<string, string>();
for (const copy of Object.values(COPIES)) {
  const table = TABLE_OF_ENTITY[copy.targetEntity];
  for (const attribute of copy.copiedAttributes) {
    if (attribute !== copy.versionAttribute) COPY_OF_ATTRIBUTE.set(`${table}\u0000${attribute}`, copy.versionAttribute);
  }
}

/**
 * What is left of a difference once changes newer than the snapshot are accounted for:
 * - missing/extra: excused when the stored item (tombstone or live) is newer than the snapshot
 *   (deleted or inserted since);
 * - different: the row's own attributes are excused when `_v` is newer; a copied attribute when
 *   its copy's `_cv_` is newer, or `_v` is (a changed source id resets the copy).
 */
export function withoutInFlight(difference: Difference, snapshotLsn: bigint): Difference | undefined {
  const stored = difference.stored;
  if (stored === undefined) return difference;
  const rowAhead = isAheadOf(stored.version, snapshotLsn);
  if (difference.kind !== 'different') return rowAhead ? undefined : difference;
  if (rowAhead) return undefined;
  const attributes = difference.attributes.filter(({ attribute }) => {
    const copyVersion = COPY_OF_ATTRIBUTE.get(`${difference.table}\u0000${attribute}`);
    return copyVersion === undefined || !isAheadOf(stored.copyVersions[copyVersion], snapshotLsn);
  });
  return attributes.length === 0 ? undefined : { ...difference, attributes };
}
