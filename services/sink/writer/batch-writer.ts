/**
 * Applies one partition batch's coalesced intents in the phase order the model needs:
 *   1. truncate fences (so that the batch's own older intents of that table are dropped),
 *   2. row intents, guarded, many in flight (one per item key after coalescing: no races),
 *   3. copy pulls (read the sources only after the targets are acknowledged),
 *   4. copy pushes as durable jobs (bounded work per event; the runner fans out).
 * Resolves only when DynamoDB acknowledged all of it: the caller may then commit the offsets.
 */
import type { PullCopyIntent, PushCopyIntent, RowIntent, TruncateIntent, WriteIntent } from '../transform/types.js';
import { recordCopyJobs } from './copy-jobs.js';
import { writeCopyPulls } from './copy-pulls.js';
import type { DynamoCalls } from './dynamo-calls.js';
import type { FenceCache } from './fence-cache.js';
import { writeRowIntents } from './row-writes.js';
import { writeTruncateFence } from './truncate.js';

export interface BatchWriterOptions {
  /** Requests in flight per batch. */
  inFlight: number;
}

export class BatchWriter {
  constructor(private readonly fences: FenceCache, private readonly options: BatchWriterOptions) {}

  async apply(calls: DynamoCalls, intents: readonly WriteIntent[]): Promise<void> {
    await this.fences.refreshIfStale(calls);
    const truncates = intents.filter((i): i is TruncateIntent => i.kind === 'truncate');
    for (const truncate of truncates) {
      await writeTruncateFence(calls, truncate);
      this.fences.note(truncate.table, truncate.version);
    }
    const live = this.fences.filter([...intents]);
    const rows = live.filter((i): i is RowIntent => i.kind === 'put' || i.kind === 'patch' || i.kind === 'delete');
    await writeRowIntents(calls, rows, this.options.inFlight);
    await writeCopyPulls(calls, live.filter((i): i is PullCopyIntent => i.kind === 'pull-copy'), this.options.inFlight);
    await recordCopyJobs(calls, live.filter((i): i is PushCopyIntent => i.kind === 'push-copy'), this.options.inFlight);
  }
}
