/**
 * Pushes: a source change that touched copied columns records a durable job
 * (COPY_JOB/<copy>#<source id>#<version>) — the only per-event work, so an event costs one write
 * whatever the fan-out. The job runner then pages the targets (Limit 100), applies the copy to
 * each, checkpoints the page cursor in the job item (a crash resumes there; repeats are harmless
 * thanks to `_cv_<copy>`), and runs a second pass after a settle delay, for targets whose GSI
 * entry was not visible yet during the first one.
 */
import { COPIES, type CopyName } from '../../model/copies.js';
import { BOOKKEEPING_PARTITION, copyJobKey } from '../../model/bookkeeping-keys.js';
import type { PushCopyIntent } from '../../model/transform/intents.js';
import { applyCopy, copySourceOf, copyWouldApply } from './copy-apply.js';
import { itemKeyString, type ItemKey } from '../../model/keys.js';
import type { DynamoCalls, Item } from '../../shared/dynamodb/calls.js';
import { forEachLimit } from '../../shared/parallel.js';

export const COPY_JOB_PARTITION = BOOKKEEPING_PARTITION.copyJob;
const TARGET_PAGE = 100;

export async function recordCopyJobs(calls: DynamoCalls, pushes: readonly PushCopyIntent[], inFlight: number, now = Date.now()): Promise<void> {
  await forEachLimit(pushes, inFlight, async (push) => {
    const key = copyJobKey(push.copy, push.sourceId, push.version);
    // Not over an existing job: a replayed event must not restart one that has made progress.
    await calls.put({
      Item: {
        pk: { S: key.pk }, sk: { S: key.sk }, copy: { S: push.copy }, sourceId: { S: push.sourceId },
        version: { S: push.version }, pass: { N: '1' }, notBefore: { N: String(now) },
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    }, `copy job ${key.sk}`);
  });
}

interface CopyJob {
  key: Item;
  copy: CopyName;
  sourceId: string;
  pass: number;
  notBefore: number;
  cursor: Item | undefined;
}

function parseJob(item: Item): CopyJob | undefined {
  const copy = item.copy?.S as CopyName | undefined;
  if (copy === undefined || !(copy in COPIES) || item.sourceId?.S === undefined) return undefined;
  return {
    key: { pk: item.pk!, sk: item.sk! },
    copy,
    sourceId: item.sourceId.S,
    pass: Number(item.pass?.N ?? '1'),
    notBefore: Number(item.notBefore?.N ?? '0'),
    cursor: item.cursor?.M,
  };
}

export async function pendingCopyJobs(calls: DynamoCalls, limit: number): Promise<Item[]> {
  const out = await calls.query({
    KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: COPY_JOB_PARTITION } }, ConsistentRead: true, Limit: limit,
  }, 'pending copy jobs');
  return out.Items ?? [];
}

/**
 * The targets of a page that do not show this source version yet, as stored (a consistent
 * base-table page as it is; an index page — KEYS_ONLY, lagging — read again with one
 * BatchGetItem). A snapshot's or an unknown change's job mostly finds its copies current, and
 * each guarded write that would only fail is a request saved.
 */
async function targetsToRefresh(
  calls: DynamoCalls, copy: CopyName, found: Item[], sourceId: string, sourceVersion: string, foundAreWholeItems: boolean,
): Promise<ItemKey[]> {
  const keys: ItemKey[] = found.flatMap((t) => (t.pk?.S !== undefined && t.sk?.S !== undefined ? [{ pk: t.pk.S, sk: t.sk.S }] : []));
  if (keys.length === 0) return [];
  const items = foundAreWholeItems
    ? found
    : await calls.batchGet(keys.map((k) => ({ pk: { S: k.pk }, sk: { S: k.sk } })), `${keys.length} ${copy} copy target(s)`);
  const stored = new Map(items.map((item) => [itemKeyString({ pk: item.pk?.S ?? '', sk: item.sk?.S ?? '' }), item]));
  return keys.filter((key) => copyWouldApply(copy, stored.get(itemKeyString(key)), sourceId, sourceVersion));
}

/** Runs one due job through one pass; returns false when it was not due yet. */
export async function runCopyJob(calls: DynamoCalls, item: Item, options: { settleMs: number; inFlight: number; now?: () => number }): Promise<boolean> {
  const now = options.now ?? Date.now;
  const job = parseJob(item);
  if (job === undefined) {
    await calls.delete({ Key: { pk: item.pk!, sk: item.sk! } }, 'malformed copy job');
    return true;
  }
  if (job.notBefore > now()) return false;
  const definition = COPIES[job.copy];
  const sourceKey = definition.sourceKey(job.sourceId);
  // The stored source, read after its write was acknowledged: at least as new as the job.
  const source = copySourceOf(await calls.get({ pk: { S: sourceKey.pk }, sk: { S: sourceKey.sk } }, `copy source ${sourceKey.pk}`));
  if (source === undefined) {
    // Deleted source: its targets are deleted by their own (cascaded) delete events.
    await calls.delete({ Key: job.key }, 'copy job of a deleted source');
    return true;
  }
  const targets = definition.targets(job.sourceId);
  let cursor = job.cursor;
  for (;;) {
    const page = await calls.query({
      ...(targets.indexName !== undefined ? { IndexName: targets.indexName } : { ConsistentRead: true }),
      KeyConditionExpression: '#p = :p AND begins_with(#s, :prefix)',
      ExpressionAttributeNames: { '#p': targets.pkAttribute, '#s': targets.skAttribute },
      ExpressionAttributeValues: { ':p': { S: targets.partition }, ':prefix': { S: targets.skPrefix } },
      Limit: TARGET_PAGE,
      ...(cursor !== undefined ? { ExclusiveStartKey: cursor } : {}),
    }, `copy targets of ${job.copy} ${job.sourceId}`);
    await forEachLimit(await targetsToRefresh(calls, job.copy, page.Items ?? [], job.sourceId, source.version, targets.indexName === undefined), options.inFlight, async (target) => {
      await applyCopy(calls, job.copy, target, job.sourceId, source);
    });
    cursor = page.LastEvaluatedKey;
    if (cursor === undefined) break;
    // Checkpoint; never re-create a job another worker finished meanwhile.
    await calls.update({
      Key: job.key, UpdateExpression: 'SET #c = :c', ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#c': 'cursor' }, ExpressionAttributeValues: { ':c': { M: cursor } },
    }, 'copy job checkpoint');
  }
  if (job.pass === 1) {
    await calls.update({
      Key: job.key, UpdateExpression: 'SET #pass = :two, #nb = :nb REMOVE #c', ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#pass': 'pass', '#nb': 'notBefore', '#c': 'cursor' },
      ExpressionAttributeValues: { ':two': { N: '2' }, ':nb': { N: String(now() + options.settleMs) } },
    }, 'copy job second pass');
  } else {
    await calls.delete({ Key: job.key }, 'finished copy job');
  }
  return true;
}
