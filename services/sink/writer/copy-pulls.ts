/**
 * Pulls: a target item that is new, or names a new source, takes its copies from the source's
 * stored item — read (consistently, one BatchGetItem per batch) only after the target write was
 * acknowledged. Together with pushes ("write, then read the other side") no copy is left stale.
 */
import { COPIES } from '../model/copies.js';
import type { PullCopyIntent } from '../transform/types.js';
import { applyCopy, copySourceOf } from './copy-apply.js';
import type { DynamoCalls, Item } from './dynamo-calls.js';
import { forEachLimit } from './parallel.js';

export async function writeCopyPulls(calls: DynamoCalls, pulls: readonly PullCopyIntent[], inFlight: number): Promise<void> {
  if (pulls.length === 0) return;
  const sourceKeys = new Map<string, Item>();
  for (const pull of pulls) {
    const key = COPIES[pull.copy].sourceKey(pull.sourceId);
    sourceKeys.set(`${key.pk}\u0000${key.sk}`, { pk: { S: key.pk }, sk: { S: key.sk } });
  }
  const items = await calls.batchGet([...sourceKeys.values()], `${sourceKeys.size} copy source(s)`);
  const byKey = new Map(items.map((item) => [`${item.pk?.S}\u0000${item.sk?.S}`, item]));
  await forEachLimit(pulls, inFlight, async (pull) => {
    const key = COPIES[pull.copy].sourceKey(pull.sourceId);
    const source = copySourceOf(byKey.get(`${key.pk}\u0000${key.sk}`));
    // No source yet: its own insert will push to this target (it writes, then finds us).
    if (source === undefined) return;
    await applyCopy(calls, pull.copy, pull.target, pull.sourceId, source);
  });
}
