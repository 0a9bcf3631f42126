/**
 * The truncate fences, cached and refreshed every few seconds: a row intent of a truncated
 * table older than its fence is dropped, so events still queued on other partitions cannot bring
 * truncated rows back. The sweep's second pass covers the refresh interval.
 */
import { META } from '../../model/attributes.js';
import { compareVersions } from '../../model/version.js';
import type { WriteIntent } from '../../model/transform/intents.js';
import type { DynamoCalls } from '../../shared/dynamodb/calls.js';
import { truncateFences } from './truncate.js';

export class FenceCache {
  private fences = new Map<string, string>();
  private loadedAt = -Infinity;

  constructor(private readonly refreshMs: number) {}

  get refreshIntervalMs(): number {
    return this.refreshMs;
  }

  async refreshIfStale(calls: DynamoCalls, now = Date.now()): Promise<void> {
    if (now - this.loadedAt < this.refreshMs) return;
    const next = new Map<string, string>();
    for (const item of await truncateFences(calls)) {
      const version = item[META.version]?.S;
      if (item.sk?.S !== undefined && version !== undefined) next.set(item.sk.S, version);
    }
    this.fences = next;
    this.loadedAt = now;
  }

  /** A fence this worker just wrote applies at once to its own later batches. */
  note(table: string, version: string): void {
    const current = this.fences.get(table);
    if (current === undefined || compareVersions(version, current) > 0) this.fences.set(table, version);
  }

  /** Keeps the intents a fence does not rule out. */
  filter(intents: WriteIntent[]): WriteIntent[] {
    return intents.filter((intent) => {
      if (intent.kind !== 'put' && intent.kind !== 'patch' && intent.kind !== 'delete') return true;
      const fence = this.fences.get(intent.table);
      return fence === undefined || compareVersions(intent.version, fence) > 0;
    });
  }
}
