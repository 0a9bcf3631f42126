/**
 * Blind puts of items that hold copies (a review shows its reviewer's name; a cuisine listing
 * entry its restaurant's summary and category). A Put replaces the whole item, so its copies must
 * be in it: they are read from their sources just before (one consistent BatchGetItem per batch),
 * each with the source version it shows. Once the puts are acknowledged the sources are read
 * again, and a copy whose source changed in between (its refresh may have run before the put
 * landed) is written again through the guarded copy write. That is the pulls' rule, "write,
 * then read the other side": either this re-read sees the source's change, or the source's push
 * finds this item.
 */
import type { SinkValue } from '../decode/types.js';
import { COPIES, type CopyName } from '../model/copies.js';
import { toItem } from '../model/marshall.js';
import type { PutRowIntent } from '../transform/types.js';
import { applyCopy, copySourceOf, type CopySource } from './copy-apply.js';
import type { DynamoCalls, Item } from './dynamo-calls.js';
import { forEachLimit } from './parallel.js';

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

const sourceKeyString = (copy: CopyName, sourceId: string) => {
  const key = COPIES[copy].sourceKey(sourceId);
  return `${key.pk}\u0000${key.sk}`;
};

function copiesOf(put: PutRowIntent): Array<{ copy: CopyName; sourceId: string }> {
  const found: Array<{ copy: CopyName; sourceId: string }> = [];
  for (const copy of put.copies) {
    const sourceId = put.item[COPIES[copy].targetSourceIdAttribute];
    if (typeof sourceId === 'string') found.push({ copy, sourceId });
  }
  return found;
}

async function readSources(calls: DynamoCalls, wanted: Iterable<{ copy: CopyName; sourceId: string }>): Promise<Map<string, CopySource>> {
  const keys = new Map<string, Item>();
  for (const { copy, sourceId } of wanted) {
    const key = COPIES[copy].sourceKey(sourceId);
    keys.set(sourceKeyString(copy, sourceId), { pk: { S: key.pk }, sk: { S: key.sk } });
  }
  const sources = new Map<string, CopySource>();
  if (keys.size === 0) return sources;
  for (const item of await calls.batchGet([...keys.values()], `${keys.size} copy source(s)`)) {
    const source = copySourceOf(item);
    if (source !== undefined) sources.set(`${item.pk?.S}\u0000${item.sk?.S}`, source);
  }
  return sources;
}

/** The puts as complete items, copies filled from their sources as stored now. */
export async function completePuts(calls: DynamoCalls, puts: readonly PutRowIntent[]): Promise<CompletedPut[]> {
  const sources = await readSources(calls, puts.flatMap(copiesOf));
  return puts.map((intent) => {
    const values: Record<string, SinkValue> = { ...intent.item };
    const shown: ShownCopy[] = [];
    for (const { copy, sourceId } of copiesOf(intent)) {
      const source = sources.get(sourceKeyString(copy, sourceId));
      shown.push({ copy, sourceId, version: source?.version });
      if (source === undefined) continue;
      const definition = COPIES[copy];
      const write = definition.write(source.values);
      Object.assign(values, write.set, { [definition.versionAttribute]: source.version });
      for (const name of write.remove) delete values[name];
    }
    return { intent, item: toItem(values), shown };
  });
}

/** After the puts are acknowledged: copies whose source moved on meanwhile are written again (guarded). */
export async function recheckCopies(calls: DynamoCalls, puts: readonly CompletedPut[], inFlight: number): Promise<void> {
  const shown = puts.flatMap((put) => put.shown.map((copy) => ({ put, ...copy })));
  if (shown.length === 0) return;
  const sources = await readSources(calls, shown);
  const stale = shown.filter((s) => {
    const now = sources.get(sourceKeyString(s.copy, s.sourceId));
    return now !== undefined && now.version !== s.version;
  });
  await forEachLimit(stale, inFlight, async (s) => {
    await applyCopy(calls, s.copy, s.put.intent.key, s.sourceId, sources.get(sourceKeyString(s.copy, s.sourceId)) as CopySource);
  });
}
