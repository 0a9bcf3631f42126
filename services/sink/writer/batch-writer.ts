/**
 * Applies one partition batch's coalesced intents in the phase order the model needs:
 *   1. truncate fences (so that the batch's own older intents of that table are dropped),
 *   2. row intents, one per item key after coalescing (no races between them):
 *      - with a blind-write permit (the partition's write lease, past the replay zone), puts and
 *        tombstones go as BatchWriteItem requests of 25, with their copies as last read
 *        (copy-preread.ts); patches stay guarded;
 *      - without one, every row intent is a guarded write, many in flight;
 *   3. copy pulls and the re-check of the copies put (read the sources only after the targets
 *      are acknowledged),
 *   4. copy pushes as durable jobs (bounded work per event; the runner fans out).
 * Resolves only when DynamoDB acknowledged all of it: the caller may then commit the offsets.
 */
import { itemKeyString } from '../../model/keys.js';
import { batchPutItem } from '../../model/transform/requests.js';
import type {
  DeleteRowIntent, PullCopyIntent, PushCopyIntent, PutRowIntent, RowIntent, TruncateIntent, WriteIntent,
} from '../../model/transform/intents.js';
import { writeBlind } from './blind-writes.js';
import { recordCopyJobs } from './copy-jobs.js';
import { completePuts, CopySourceCache, recheckCopies, type CompletedPut } from './copy-preread.js';
import { writeCopyPulls } from './copy-pulls.js';
import type { DynamoCalls } from '../../shared/dynamodb/calls.js';
import type { FenceCache } from './fence-cache.js';
import type { BlindWritePermit } from './lease/write-leases.js';
import { settleAll } from '../../shared/parallel.js';
import { writeRowIntents } from './row-writes.js';
import { writeTruncateFence } from './truncate.js';

export interface BatchWriterOptions {
  /** Guarded requests in flight per batch. */
  inFlight: number;
  /** BatchWriteItem requests in flight per batch (each carries up to 25 items); default 4. */
  blindInFlight?: number;
}

export class BatchWriter {
  /** The copy sources this worker last read (copy-preread.ts): a blind put of a review needs no read first. */
  private readonly copySources = new CopySourceCache();

  constructor(private readonly fences: FenceCache, private readonly options: BatchWriterOptions) {}

  async apply(calls: DynamoCalls, intents: readonly WriteIntent[], permit?: BlindWritePermit): Promise<void> {
    await this.fences.refreshIfStale(calls);
    const truncates = intents.filter((i): i is TruncateIntent => i.kind === 'truncate');
    for (const truncate of truncates) {
      await writeTruncateFence(calls, truncate);
      this.fences.note(truncate.table, truncate.version);
    }
    const live = this.fences.filter([...intents]);
    const rows = live.filter((i): i is RowIntent => i.kind === 'put' || i.kind === 'patch' || i.kind === 'delete');
    const pulls = live.filter((i): i is PullCopyIntent => i.kind === 'pull-copy');
    if (permit === undefined) {
      await writeRowIntents(calls, rows, this.options.inFlight);
      await writeCopyPulls(calls, pulls, this.options.inFlight);
    } else {
      await this.writeRowsBlind(calls, rows, pulls, permit);
    }
    await recordCopyJobs(calls, live.filter((i): i is PushCopyIntent => i.kind === 'push-copy'), this.options.inFlight);
  }

  /**
   * Under the lease: rows without copies at once, rows with copies once their sources are known
   * (cache or one read), patches guarded — all in parallel; then the copies put are re-checked
   * (and put again while stale) beside the pulls they make redundant elsewhere.
   */
  private async writeRowsBlind(calls: DynamoCalls, rows: readonly RowIntent[], pulls: readonly PullCopyIntent[], permit: BlindWritePermit): Promise<void> {
    const blindInFlight = this.options.blindInFlight ?? 4;
    const putCompleted = (puts: readonly CompletedPut[]) =>
      writeBlind(calls, permit, puts.map((c) => ({ key: c.intent.key, item: c.item })), blindInFlight);
    const blind = rows.filter((i): i is PutRowIntent | DeleteRowIntent => i.kind !== 'patch');
    const holdsCopies = (i: PutRowIntent | DeleteRowIntent): i is PutRowIntent => i.kind === 'put' && i.copies.length > 0;
    let completed: CompletedPut[] = [];
    await settleAll([
      writeBlind(calls, permit, blind.filter((i) => !holdsCopies(i)).map((i) => ({ key: i.key, item: batchPutItem(i) })), blindInFlight),
      (async () => {
        completed = await completePuts(calls, blind.filter(holdsCopies), this.copySources);
        await putCompleted(completed);
      })(),
      writeRowIntents(calls, rows.filter((i) => i.kind === 'patch'), this.options.inFlight),
    ]);
    // A copy put blindly is re-checked; a pull of the same copy onto the same item is redundant.
    const rechecked = new Set(completed.flatMap((c) => c.shown.map((s) => `${s.copy}\u0000${itemKeyString(c.intent.key)}`)));
    await settleAll([
      writeCopyPulls(calls, pulls.filter((p) => !rechecked.has(`${p.copy}\u0000${itemKeyString(p.target)}`)), this.options.inFlight),
      recheckCopies(calls, completed, this.copySources, { inFlight: this.options.inFlight, reput: putCompleted }),
    ]);
  }
}
