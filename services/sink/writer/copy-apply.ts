/**
 * Writing one copy onto one target item, from the source's stored item: the copy's columns, its
 * index keys and its version (`_cv_<copy>` = the source item's `_v`), under the copy condition
 * (live target, still naming this source, older copy). Shared by pulls and push jobs.
 */
import { fromItem } from '../../model/marshall.js';
import { COPIES, type CopyName } from '../../model/copies.js';
import { copyCondition } from '../../model/guards.js';
import { itemKeyString, type ItemKey } from '../../model/keys.js';
import { isTombstone } from '../../model/tombstone.js';
import { buildUpdate } from '../../model/update-expression.js';
import { META } from '../../model/attributes.js';
import { compareVersions } from '../../model/version.js';
import type { DynamoCalls, Item } from '../../shared/dynamodb/calls.js';

/** The source values a copy needs, or undefined when the source is absent or deleted. */
export interface CopySource {
  values: ReturnType<typeof fromItem>;
  version: string;
}

export function copySourceOf(item: Item | undefined): CopySource | undefined {
  if (item === undefined) return undefined;
  const values = fromItem(item);
  const version = values[META.version];
  if (isTombstone(values) || typeof version !== 'string') return undefined;
  return { values, version };
}

/** One string per copy source item (map and set key). */
export function copySourceKeyString(copy: CopyName, sourceId: string): string {
  return itemKeyString(COPIES[copy].sourceKey(sourceId));
}

/** The live sources of the wanted copies, read consistently in one BatchGetItem per 100, by copySourceKeyString. */
export async function readCopySources(calls: DynamoCalls, wanted: Iterable<{ copy: CopyName; sourceId: string }>): Promise<Map<string, CopySource>> {
  const keys = new Map<string, Item>();
  for (const { copy, sourceId } of wanted) {
    const key = COPIES[copy].sourceKey(sourceId);
    keys.set(itemKeyString(key), { pk: { S: key.pk }, sk: { S: key.sk } });
  }
  const sources = new Map<string, CopySource>();
  if (keys.size === 0) return sources;
  for (const item of await calls.batchGet([...keys.values()], `${keys.size} copy source(s)`)) {
    const source = copySourceOf(item);
    if (source !== undefined) sources.set(itemKeyString({ pk: item.pk?.S ?? '', sk: item.sk?.S ?? '' }), source);
  }
  return sources;
}

/**
 * Whether applyCopy's condition holds on a target as stored (read consistently): live, still
 * naming the source, showing an older version of it. A job skips the targets for which it does
 * not; the guarded write would only fail on them.
 */
export function copyWouldApply(copy: CopyName, stored: Item | undefined, sourceId: string, sourceVersion: string): boolean {
  if (stored === undefined || stored[META.deleted] !== undefined) return false;
  const definition = COPIES[copy];
  if (stored[definition.targetSourceIdAttribute]?.S !== sourceId) return false;
  const shown = stored[definition.versionAttribute]?.S;
  return shown === undefined || compareVersions(shown, sourceVersion) < 0;
}

export async function applyCopy(
  calls: DynamoCalls, copy: CopyName, target: ItemKey, sourceId: string, source: CopySource,
): Promise<boolean> {
  const definition = COPIES[copy];
  const write = definition.write(source.values);
  const set = { ...write.set, [definition.versionAttribute]: source.version };
  const update = buildUpdate(set, write.remove, copyCondition(definition, sourceId, source.version));
  return calls.update(
    { Key: { pk: { S: target.pk }, sk: { S: target.sk } }, ...update },
    `${copy} copy from ${sourceId} onto ${target.pk}/${target.sk}`,
  );
}
