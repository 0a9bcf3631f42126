/**
 * Pulls: a target item that is new, or names a new source, takes its copies from the source's
 * stored item — read (consistently, one BatchGetItem per batch) only after the target write was
 * acknowledged. Together with pushes ("write, then read the other side") no copy is left stale.
 */
import type { PullCopyIntent } from '../../model/transform/intents.js';
import { applyCopy, copySourceKeyString, readCopySources } from './copy-apply.js';
import type { DynamoCalls } from '../../shared/dynamodb/calls.js';
import { forEachLimit } from '../../shared/parallel.js';

export async function writeCopyPulls(calls: DynamoCalls, pulls: readonly PullCopyIntent[], inFlight: number): Promise<void> {
  if (pulls.length === 0) return;
  const sources = await readCopySources(calls, pulls);
  await forEachLimit(pulls, inFlight, async (pull) => {
    const source = sources.get(copySourceKeyString(pull.copy, pull.sourceId));
    // No source yet: its own insert will push to this target (it writes, then finds us).
    if (source === undefined) return;
    await applyCopy(calls, pull.copy, pull.target, pull.sourceId, source);
  });
}
