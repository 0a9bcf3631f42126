/**
 * Notices a consumer that stopped fetching partitions it owns while they have a backlog. Seen
 * with kafkajs after a broker restart: the group stays joined, heartbeats go on, some partitions
 * are simply never fetched again, and nothing crashes. A partition counts as stalled when it is
 * assigned here, is behind its end offset, and has seen no batch (or retry of one) for `stallMs`,
 * while the handler is idle — a consumer busy with other partitions' batches (a large backlog
 * worked through a few partitions at a time) is slow, not stalled. Retries of a failing batch
 * (DynamoDB down) call the handler at least every backoff maximum, so an outage is never taken
 * for a stall.
 */
import { isCaughtUp, type PartitionPosition } from './positions.js';

const keyOf = (topic: string, partition: number) => `${topic}\u0000${partition}`;

export class StallWatch {
  private since: number;
  private assigned = new Set<string>();
  private readonly lastActivity = new Map<string, number>();
  private readonly inHandler = new Map<string, number>();

  constructor(private readonly stallMs: number, private readonly now: () => number = Date.now) {
    this.since = now();
  }

  /** A (new) assignment: its partitions are watched from now on. */
  assign(assignment: Readonly<Record<string, readonly number[]>>): void {
    this.since = this.now();
    this.assigned = new Set(Object.entries(assignment).flatMap(([topic, partitions]) => partitions.map((p) => keyOf(topic, p))));
    this.lastActivity.clear();
  }

  batchStarted(topic: string, partition: number): void {
    const key = keyOf(topic, partition);
    this.inHandler.set(key, (this.inHandler.get(key) ?? 0) + 1);
    this.lastActivity.set(key, this.now());
  }

  batchEnded(topic: string, partition: number): void {
    const key = keyOf(topic, partition);
    const left = (this.inHandler.get(key) ?? 1) - 1;
    if (left > 0) this.inHandler.set(key, left);
    else this.inHandler.delete(key);
    this.lastActivity.set(key, this.now());
  }

  stalled(positions: readonly PartitionPosition[]): PartitionPosition[] {
    if (this.inHandler.size > 0) return [];
    const now = this.now();
    return positions.filter((p) => {
      const key = keyOf(p.topic, p.partition);
      if (!this.assigned.has(key) || isCaughtUp(p)) return false;
      return now - (this.lastActivity.get(key) ?? this.since) > this.stallMs;
    });
  }
}
