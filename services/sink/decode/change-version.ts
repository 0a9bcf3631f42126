/** The version (model/version.ts) of one Debezium change, from its source block. */
import { formatVersion, SNAPSHOT_CLASS, STREAM_CLASS } from '../../model/version.js';

export interface SourcePosition {
  lsn: bigint | number | null | undefined;
  /** JSON text '["<last commit lsn>","<lsn>"]' (either may be null). */
  sequence: string | null | undefined;
}

function toLsn(value: unknown): bigint | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  if (typeof value === 'string' && /^\d+$/.test(value)) return BigInt(value);
  throw new RangeError(`not an LSN: ${String(value)}`);
}

function parseSequence(sequence: string | null | undefined): [bigint | undefined, bigint | undefined] {
  if (sequence === null || sequence === undefined || sequence === '') return [undefined, undefined];
  const parsed: unknown = JSON.parse(sequence);
  if (!Array.isArray(parsed) || parsed.length !== 2) throw new RangeError(`source.sequence is not a pair: '${sequence.slice(0, 80)}'`);
  return [toLsn(parsed[0]), toLsn(parsed[1])];
}

/** How the change reached the stream: the initial snapshot, an incremental snapshot, or streaming. */
export type ChangeOrigin = 'snapshot' | 'incremental-snapshot' | 'stream';

export function changeVersion(source: SourcePosition, origin: ChangeOrigin): string {
  const [lastCommit, sequenceLsn] = parseSequence(source.sequence);
  const lsn = toLsn(source.lsn) ?? sequenceLsn;
  if (lsn === undefined) throw new RangeError('the change has no LSN (source.lsn and source.sequence are empty)');
  if (origin === 'snapshot') return formatVersion(SNAPSHOT_CLASS, 0n, lsn);
  // An incremental snapshot read is emitted in the stream when Debezium closes a chunk's window
  // (source.sequence [C, C], C the last commit seen, and no source.lsn). Rows changed inside the
  // window are streamed instead, so the read is the row's state at that point of the stream: newer
  // than every change of a transaction committed up to C (their last-commit position is below C),
  // older than every change after it (theirs is at least the watermark's commit, above C). The
  // lowest version at commit position C sits exactly there. (As a class-0 version it would lose
  // to any earlier streamed state and could never refresh it: a column added with a default stayed
  // missing on rows the stream had touched before.)
  if (origin === 'incremental-snapshot') return formatVersion(STREAM_CLASS, lastCommit ?? lsn, 0n);
  return formatVersion(STREAM_CLASS, lastCommit ?? 0n, lsn);
}
