/** The version (model/version.ts) of one Debezium change, from its source block. */
import { formatVersion, SNAPSHOT_CLASS, STREAM_CLASS } from '../model/version.js';

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

export function changeVersion(source: SourcePosition, snapshotRead: boolean): string {
  const [lastCommit, sequenceLsn] = parseSequence(source.sequence);
  const lsn = toLsn(source.lsn) ?? sequenceLsn;
  if (lsn === undefined) throw new RangeError('the change has no LSN (source.lsn and source.sequence are empty)');
  if (snapshotRead) return formatVersion(SNAPSHOT_CLASS, 0n, lsn);
  return formatVersion(STREAM_CLASS, lastCommit ?? 0n, lsn);
}
