/** Where a consumer group stands on a partition, and when it has consumed everything there. */

export interface PartitionPosition {
  topic: string;
  partition: number;
  low: number;
  end: number;
  /** The group's committed offset; null when it never committed there. */
  committed: number | null;
}

/** Caught up: everything up to the end is committed, or the partition never held anything. */
export function isCaughtUp(p: PartitionPosition): boolean {
  return p.committed === null ? p.end === p.low : p.committed >= p.end;
}
