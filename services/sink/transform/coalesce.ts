/**
 * Several changes of the same item in one batch become one write: the newest by version, with
 * earlier puts and patches folded in so nothing a later patch lacks is lost. This is what makes
 * batching pay (a hot row updated 20 times in a batch costs one write) and what keeps writes to
 * one key from racing each other inside a batch (one intent per key, so they can run in parallel).
 *
 * Folding, in version order, per item key:
 *   put  + patch  → put with the patch applied (still complete)
 *   patch + patch → one patch (later values win)
 *   any  + put    → the put;  any + delete → the delete
 *   delete + patch → the delete (a patch never applies to a tombstone)
 * resetCopies accumulate: a copy reset by an early change must still be reset.
 * A truncate drops the table's row intents and pushes older than it. Copy pulls are deduplicated,
 * pushes keep the newest per source. Output order is the writer's phase order:
 * truncates, row intents, then copies.
 */
import type { SinkValue } from '../../model/change-event.js';
import { COPIES } from '../../model/copies.js';
import { TABLE_OF_ENTITY } from '../../model/entities.js';
import { itemKeyString } from '../../model/keys.js';
import { compareVersions } from '../../model/version.js';
import type {
  PatchRowIntent, PullCopyIntent, PushCopyIntent, PutRowIntent, RowIntent, TruncateIntent, WriteIntent,
} from '../../model/transform/intents.js';

function union<T>(a: readonly T[], b: readonly T[]): T[] {
  return [...new Set([...a, ...b])];
}

function applyPatch(put: PutRowIntent, patch: PatchRowIntent): PutRowIntent {
  const item: Record<string, SinkValue> = { ...put.item, ...patch.set };
  for (const name of patch.remove) delete item[name];
  return { ...put, item, version: patch.version, sourceTsMs: patch.sourceTsMs, resetCopies: union(put.resetCopies, patch.resetCopies) };
}

function fold(previous: RowIntent, next: RowIntent): RowIntent {
  if (next.kind === 'patch') {
    if (previous.kind === 'put') return applyPatch(previous, next);
    if (previous.kind === 'patch') {
      const set = { ...previous.set, ...next.set };
      const remove = union(previous.remove.filter((name) => !(name in next.set)), next.remove);
      for (const name of next.remove) delete set[name];
      return { ...next, set, remove, resetCopies: union(previous.resetCopies, next.resetCopies) };
    }
    return previous;
  }
  if (next.kind === 'put' && previous.kind !== 'delete') {
    return { ...next, resetCopies: union(previous.resetCopies, next.resetCopies) };
  }
  return next;
}

export function coalesce(intents: readonly WriteIntent[]): WriteIntent[] {
  const truncates: TruncateIntent[] = intents.filter((i): i is TruncateIntent => i.kind === 'truncate');
  const truncatedAt = new Map<string, string>();
  for (const t of truncates) {
    const current = truncatedAt.get(t.table);
    if (current === undefined || compareVersions(t.version, current) > 0) truncatedAt.set(t.table, t.version);
  }
  const survivesTruncate = (table: string, version: string) => {
    const fence = truncatedAt.get(table);
    return fence === undefined || compareVersions(version, fence) > 0;
  };

  const rows = new Map<string, RowIntent[]>();
  const pulls = new Map<string, PullCopyIntent>();
  const pushes = new Map<string, PushCopyIntent>();
  for (const intent of intents) {
    switch (intent.kind) {
      case 'put':
      case 'patch':
      case 'delete': {
        if (!survivesTruncate(intent.table, intent.version)) break;
        const k = itemKeyString(intent.key);
        const list = rows.get(k);
        if (list) list.push(intent);
        else rows.set(k, [intent]);
        break;
      }
      case 'pull-copy':
        pulls.set(`${intent.copy}\u0000${itemKeyString(intent.target)}\u0000${intent.sourceId}`, intent);
        break;
      case 'push-copy': {
        if (!survivesTruncate(TABLE_OF_ENTITY[COPIES[intent.copy].sourceEntity], intent.version)) break;
        const k = `${intent.copy}\u0000${intent.sourceId}`;
        const existing = pushes.get(k);
        if (!existing) pushes.set(k, intent);
        else {
          const [older, newer] = compareVersions(existing.version, intent.version) <= 0 ? [existing, intent] : [intent, existing];
          // Refresh unless every coalesced push was a "maybe changed".
          pushes.set(k, { ...newer, changeUnknown: older.changeUnknown && newer.changeUnknown });
        }
        break;
      }
      case 'truncate':
        break;
    }
  }

  const folded: RowIntent[] = [];
  for (const list of rows.values()) {
    // Stable sort: equal versions (impossible for distinct changes) keep arrival order.
    const ordered = [...list].sort((a, b) => compareVersions(a.version, b.version));
    let result = ordered[0] as RowIntent;
    for (const next of ordered.slice(1)) result = fold(result, next);
    folded.push(result);
  }
  const newestTruncates = truncates.filter((t) => truncatedAt.get(t.table) === t.version);
  const uniqueTruncates = [...new Map(newestTruncates.map((t) => [t.table, t])).values()];
  return [...uniqueTruncates, ...folded, ...pulls.values(), ...pushes.values()];
}
