/**
 * Consumer lag from offsets, as `kafka-consumer-groups --describe` computes it, plus the cases it
 * leaves out. Offsets arrive from kafkajs as strings; they stay far below 2^53 in practice.
 */

export interface PartitionOffsets {
  /** Log start offset: the oldest offset retention has kept. */
  readonly low: number;
  /** Log end offset: the offset the next message will get. */
  readonly end: number;
  /** The group's committed offset (the next it reads), or null when it never committed here. */
  readonly committed: number | null;
}

/** Where the group will read next: a missing or expired commit starts at the oldest retained message. */
export function nextReadOffset({ low, committed }: PartitionOffsets): number {
  // committed < low: retention deleted messages the group never read; they are gone, not lag.
  return committed === null ? low : Math.max(committed, low);
}

/** Messages the group has yet to consume: never negative (a recreated topic can leave a commit past its end). */
export function lagMessages(offsets: PartitionOffsets): number {
  return Math.max(0, offsets.end - nextReadOffset(offsets));
}

/** kafkajs reports "no committed offset" as -1. */
export function parseCommittedOffset(offset: string): number | null {
  const value = Number(offset);
  return Number.isFinite(value) && value >= 0 ? value : null;
}

/** Age in seconds of the oldest unconsumed message; 0 when there is no lag, null when its timestamp is unknown. */
export function lagSeconds(lag: number, oldestTimestampMs: number | null | undefined, nowMs: number): number | null {
  if (lag === 0) return 0;
  if (oldestTimestampMs === null || oldestTimestampMs === undefined) return null;
  // A producer clock ahead of ours must not make the age negative.
  return Math.max(0, (nowMs - oldestTimestampMs) / 1000);
}
