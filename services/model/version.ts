/**
 * The version every item carries (`_v`): where in the change stream the state it holds comes
 * from. Versions are fixed-width strings, so "older than" is a plain string comparison both
 * here and in a DynamoDB ConditionExpression (`#v < :v`).
 *
 *   '<class>.<commit position, 16 hex>.<change LSN, 16 hex>'
 *
 * - The change LSN alone does not order changes: pgoutput streams transactions in commit order
 *   while their records' LSNs interleave. Debezium's source.sequence gives the last commit LSN
 *   seen before the event ([lastCommitLsn, lsn]), which never decreases along the stream and
 *   grows at every commit; within one transaction the change LSNs grow. The pair orders the
 *   stream exactly.
 * - Class 0 is a snapshot read (op 'r'), class 1 a streamed change. A snapshot row is the state
 *   at the snapshot point; any streamed change of the same row is at least as new, even one of a
 *   transaction that began before the snapshot point (its record LSNs are lower). So a streamed
 *   change always beats a snapshot read, and a replayed snapshot never overwrites a streamed
 *   state. Between snapshot reads, the later snapshot (higher LSN) wins.
 * - An incremental snapshot read (op 'r', source.snapshot 'incremental') is not a snapshot in
 *   that sense: Debezium emits it inside the stream, de-duplicated against the changes of its
 *   chunk's window, so it is class 1 at its place in the stream (decode/change-version.ts).
 */

export const SNAPSHOT_CLASS = '0';
export const STREAM_CLASS = '1';

const HEX_WIDTH = 16;
const MAX_LSN = (1n << 64n) - 1n;

function hex(value: bigint): string {
  if (value < 0n || value > MAX_LSN) throw new RangeError(`LSN out of range: ${value}`);
  return value.toString(16).padStart(HEX_WIDTH, '0');
}

export function formatVersion(klass: typeof SNAPSHOT_CLASS | typeof STREAM_CLASS, commitLsn: bigint, lsn: bigint): string {
  return `${klass}.${hex(commitLsn)}.${hex(lsn)}`;
}

export const VERSION_PATTERN = /^[01]\.[0-9a-f]{16}\.[0-9a-f]{16}$/;

export function isVersion(value: unknown): value is string {
  return typeof value === 'string' && VERSION_PATTERN.test(value);
}

/** Negative when a is older than b. */
export function compareVersions(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The lowest version: what an item that never existed is considered to have. */
export const VERSION_ZERO = formatVersion(SNAPSHOT_CLASS, 0n, 0n);
