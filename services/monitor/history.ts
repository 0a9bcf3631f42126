/**
 * A bounded ring of compact points for the dashboard's charts: one per sample, only the numbers
 * the charts draw, so 30 minutes of history stay small whatever the sample holds.
 */
import type { PipelineState, PipelineStatus } from './types.js';

export interface HistoryPoint {
  /** Epoch ms of the sample. */
  readonly t: number;
  readonly state: PipelineState;
  /** "group / topic / partition" → messages. */
  readonly lagMessages: Readonly<Record<string, number>>;
  /** "group / topic / partition" → seconds (absent when unknown). */
  readonly lagSeconds: Readonly<Record<string, number>>;
  /** table → seconds (absent when unknown). */
  readonly watermarkAgeSeconds: Readonly<Record<string, number>>;
  readonly retainedWalBytes: number | null;
  readonly deadLetters: number | null;
}

export function seriesKey(group: string, topic: string, partition: number): string {
  return `${group} / ${topic} / ${partition}`;
}

export function toHistoryPoint(status: PipelineStatus): HistoryPoint {
  const lagMessages: Record<string, number> = {};
  const lagSeconds: Record<string, number> = {};
  if (status.consumers.status === 'ok') {
    for (const g of status.consumers.data) {
      for (const p of g.partitions) {
        const key = seriesKey(g.group, p.topic, p.partition);
        lagMessages[key] = p.lagMessages;
        if (p.lagSeconds !== null) lagSeconds[key] = p.lagSeconds;
      }
    }
  }
  const watermarkAgeSeconds: Record<string, number> = {};
  if (status.watermarks.status === 'ok') {
    for (const w of status.watermarks.data) if (w.ageSeconds !== null) watermarkAgeSeconds[w.table] = w.ageSeconds;
  }
  return {
    t: Date.parse(status.sampledAt),
    state: status.state,
    lagMessages,
    lagSeconds,
    watermarkAgeSeconds,
    retainedWalBytes: status.slot.status === 'ok' ? status.slot.data.retainedWalBytes : null,
    deadLetters: status.deadLetters.status === 'ok' ? status.deadLetters.data.messages : null,
  };
}

export class RingBuffer<T> {
  private readonly items: T[] = [];

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
  }

  push(item: T): void {
    this.items.push(item);
    if (this.items.length > this.capacity) this.items.splice(0, this.items.length - this.capacity);
  }

  /** Oldest first. */
  toArray(): T[] {
    return [...this.items];
  }

  get size(): number {
    return this.items.length;
  }
}
