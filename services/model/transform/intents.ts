/**
 * What the transform asks the writer to do: data, not DynamoDB requests, so that the guard,
 * batching and coalescing decisions are visible and testable. Each row intent carries the
 * version (LSN guard) of the change it comes from.
 *
 * The writer executes a batch in three phases: truncate fences, then row intents (different
 * keys in parallel; one per key after coalescing), then copy pulls and pushes — copies run
 * after the rows they read or write are acknowledged ("write, then read the other side"; see
 * MODEL.md, Copies).
 */
import type { SinkValue } from '../change-event.js';
import type { CopyName } from '../copies.js';
import type { Entity } from '../entities.js';
import type { ItemKey } from '../keys.js';

interface RowIntentBase {
  table: string;
  entity: Entity;
  key: ItemKey;
  version: string;
  sourceTsMs: number;
}

/**
 * The complete state of a row's item (key, index keys, meta, every column). Without copies
 * (`copies` empty) it is a plain guarded Put, batchable. With copies, a blind Put would drop
 * them: the writer either sends it as an UpdateItem (putAsUpdate) or puts it with freshly read
 * copies and re-checks their sources afterwards.
 */
export interface PutRowIntent extends RowIntentBase {
  kind: 'put';
  item: Record<string, SinkValue>;
  /** Copies this item type holds that `item` does not contain. */
  copies: CopyName[];
  /** Copies whose source changed with this change (a review's user_id): drop the old copy. */
  resetCopies: CopyName[];
}

/**
 * Part of a row state: an update whose image still lacks TOASTed columns. Only changed,
 * available columns are set; it applies only onto a live, older item (rowPatchCondition).
 */
export interface PatchRowIntent extends RowIntentBase {
  kind: 'patch';
  set: Record<string, SinkValue>;
  remove: string[];
  resetCopies: CopyName[];
}

/** The row is gone: replace its item by a tombstone (a guarded Put, batchable). */
export interface DeleteRowIntent extends RowIntentBase {
  kind: 'delete';
  tombstone: Record<string, SinkValue>;
}

export type RowIntent = PutRowIntent | PatchRowIntent | DeleteRowIntent;

/** Fill a copy on one item from its source's stored item (after the item is written). */
export interface PullCopyIntent {
  kind: 'pull-copy';
  copy: CopyName;
  target: ItemKey;
  sourceId: string;
}

/**
 * A source row changed columns that other items copy: refresh every copy (a paged Query of the
 * targets; a durable job so that the work per event is bounded and resumes after a crash).
 * `values` are the new column values; undefined when the image lacked some (TOAST): read them
 * from the source item. `changeUnknown`: the event had no before image (default replica
 * identity), so the writer may skip the refresh if the stored columns were equal.
 */
export interface PushCopyIntent {
  kind: 'push-copy';
  copy: CopyName;
  sourceId: string;
  version: string;
  values: Record<string, SinkValue> | undefined;
  changeUnknown: boolean;
}

/** Everything of the table older than `version` goes (a fence, then a resumable sweep). */
export interface TruncateIntent {
  kind: 'truncate';
  table: string;
  entity: Entity;
  version: string;
  sourceTsMs: number;
}

export type WriteIntent = RowIntent | PullCopyIntent | PushCopyIntent | TruncateIntent;
