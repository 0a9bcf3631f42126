/**
 * Blind puts of items that hold copies (a review shows its reviewer's name; a cuisine listing
 * entry its restaurant's summary and category). A Put replaces the whole item, so its copies must
 * be in it, each with the source version it shows. They come from the sources as this worker last
 * read them (a bounded cache, filled by every re-check), and the sources it has not seen are read
 * just before (one consistent BatchGetItem). Once the puts are acknowledged the sources are read
 * again, and a put whose source changed meanwhile (or was cached stale) is put again with it and
 * checked again, before the batch is committed. That is the pulls' rule, "write, then read the
 * other side": either this re-read sees the source's change, or the source's push finds this
 * item. Steady state: two round trips per batch (put, re-check), not three.
 */
import type { SinkValue } from '../../model/change-event.js';
import { COPIES, type CopyName } from '../../model/copies.js';
import { toItem } from '../../model/marshall.js';
import type { PutRowIntent } from '../../model/transform/intents.js';
import { applyCopy, copySourceKeyString, readCopySources, type CopySource } from './copy-apply.js';
import type { DynamoCalls, Item } from '../../shared/dynamodb/calls.js';
import { forEachLimit } from '../../shared/parallel.js';

interface ShownCopy {
  copy: CopyName;
  sourceId: string;
  /** The source version the put shows; undefined when the source was absent. */
  version: string | undefined;
}

export interface CompletedPut {
  intent: PutRowIntent;
  item: Item;
  shown: ShownCopy[];
}

function copiesOf(put: PutRowIntent): Array<{ copy: CopyName; sourceId: string }> {
  const found: Array<{ copy: CopyName; sourceId: string }> = [];
  for (const copy of put.copies) {
    const sourceId = put.item[COPIES[copy].targetSourceIdAttribute];
    if (typeof sourceId === 'string') found.push({ copy, sourceId });
  }
  return found;
}

/** Copy sources as last read by this worker, newest reads win; the oldest entries go first. */
export class CopySourceCache {
  private readonly entries = new Map<string, CopySource>();
  constructor(private readonly capacity = 20_000) {}

  get(key: string): CopySource | undefined {
    return this.entries.get(key);
  }

  remember(key: string, source: CopySource | undefined): void {
    this.entries.delete(key);
    if (source === undefined) return;
    this.entries.set(key, source);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }
}

function complete(intent: PutRowIntent, source: (key: string) => CopySource | undefined): CompletedPut {
  const values: Record<string, SinkValue> = { ...intent.item };
  const shown: ShownCopy[] = [];
  for (const { copy, sourceId } of copiesOf(intent)) {
    const found = source(copySourceKeyString(copy, sourceId));
    shown.push({ copy, sourceId, version: found?.version });
    if (found === undefined) continue;
    const definition = COPIES[copy];
    const write = definition.write(found.values);
    Object.assign(values, write.set, { [definition.versionAttribute]: found.version });
    for (const name of write.remove) delete values[name];
  }
  return { intent, item: toItem(values), shown };
}

/** The puts as complete items, copies filled from their sources (cached, or read now when not cached). */
export async function completePuts(calls: DynamoCalls, puts: readonly PutRowIntent[], cache: CopySourceCache): Promise<CompletedPut[]> {
  const missing = puts.flatMap(copiesOf).filter(({ copy, sourceId }) => cache.get(copySourceKeyString(copy, sourceId)) === undefined);
  const read = await readCopySources(calls, missing);
  for (const { copy, sourceId } of missing) cache.remember(copySourceKeyString(copy, sourceId), read.get(copySourceKeyString(copy, sourceId)));
  return puts.map((intent) => complete(intent, (key) => read.get(key) ?? cache.get(key)));
}

/**
 * After the puts are acknowledged: a put whose copy sources moved on (or were cached stale, or
 * appeared: a snapshot's reviews often arrive before their users) is put again, complete with
 * the sources as just read, and checked again — the same rule each round. `reput` is a blind
 * write under the batch's lease: one BatchWriteItem for many repairs. A put still stale after
 * `rounds` (a source changing all the time) gets its copies through guarded copy writes instead.
 */
export async function recheckCopies(
  calls: DynamoCalls, puts: readonly CompletedPut[], cache: CopySourceCache,
  options: { inFlight: number; reput: (puts: readonly CompletedPut[]) => Promise<void>; rounds?: number },
): Promise<void> {
  let current = puts;
  for (let round = 0; ; round++) {
    const shown = current.flatMap((put) => put.shown.map((copy) => ({ put, ...copy })));
    if (shown.length === 0) return;
    const sources = await readCopySources(calls, shown);
    for (const { copy, sourceId } of shown) cache.remember(copySourceKeyString(copy, sourceId), sources.get(copySourceKeyString(copy, sourceId)));
    const stale = shown.filter((s) => {
      const now = sources.get(copySourceKeyString(s.copy, s.sourceId));
      return now !== undefined && now.version !== s.version;
    });
    if (stale.length === 0) return;
    if (round >= (options.rounds ?? 3)) {
      await forEachLimit(stale, options.inFlight, async (s) => {
        await applyCopy(calls, s.copy, s.put.intent.key, s.sourceId, sources.get(copySourceKeyString(s.copy, s.sourceId)) as CopySource);
      });
      return;
    }
    current = [...new Set(stale.map((s) => s.put))].map((put) => complete(put.intent, (key) => sources.get(key)));
    await options.reput(current);
  }
}
