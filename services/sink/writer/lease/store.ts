/**
 * The lease items (LEASE/<topic>#<partition>) in the sink's table. Every write is conditional on
 * the record version the writer last saw, so two writers never both believe they changed it.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { partitionLeaseKey } from '../../../model/bookkeeping-keys.js';
import type { DynamoCalls, Item } from '../../../shared/dynamodb/calls.js';
import type { StoredLease } from './protocol.js';

export interface PartitionRef {
  topic: string;
  partition: number;
}

function keyOf(ref: PartitionRef): Item {
  const key = partitionLeaseKey(ref.topic, ref.partition);
  return { pk: { S: key.pk }, sk: { S: key.sk } };
}

function describe(ref: PartitionRef): string {
  return `write lease of ${ref.topic}/${ref.partition}`;
}

function horizonValue(horizon: bigint | undefined): AttributeValue {
  return horizon === undefined ? { NULL: true } : { N: horizon.toString() };
}

export async function readLease(calls: DynamoCalls, ref: PartitionRef): Promise<StoredLease | undefined> {
  const item = await calls.get(keyOf(ref), describe(ref));
  if (item === undefined) return undefined;
  return {
    owner: item.owner?.S ?? '',
    recordVersion: item.rvn?.S ?? '',
    horizon: item.horizon?.N === undefined ? undefined : BigInt(item.horizon.N),
    released: item.released?.BOOL === true,
  };
}

/** Takes the lease if it is still as observed; false when someone changed it meanwhile. */
export async function takeLease(
  calls: DynamoCalls, ref: PartitionRef, observed: StoredLease | undefined, lease: { owner: string; recordVersion: string; horizon: bigint | undefined },
): Promise<boolean> {
  const condition = observed === undefined
    ? { ConditionExpression: 'attribute_not_exists(pk)' }
    : { ConditionExpression: 'rvn = :seen', ExpressionAttributeValues: { ':seen': { S: observed.recordVersion } } };
  return calls.put({
    Item: {
      ...keyOf(ref), owner: { S: lease.owner }, rvn: { S: lease.recordVersion }, horizon: horizonValue(lease.horizon),
      released: { BOOL: false }, changedAt: { S: new Date().toISOString() },
    },
    ...condition,
  }, `taking the ${describe(ref)}`);
}

/**
 * Rewrites the holder's lease (a renewal, possibly with a new horizon, or a release); false when
 * the holder no longer has it (someone took it over).
 */
export async function rewriteLease(
  calls: DynamoCalls, ref: PartitionRef,
  holder: { owner: string; recordVersion: string },
  next: { recordVersion: string; horizon: bigint | undefined; released: boolean },
): Promise<boolean> {
  return calls.update({
    Key: keyOf(ref),
    UpdateExpression: 'SET rvn = :next, horizon = :horizon, released = :released, changedAt = :at',
    ConditionExpression: '#owner = :owner AND rvn = :mine',
    ExpressionAttributeNames: { '#owner': 'owner' },
    ExpressionAttributeValues: {
      ':next': { S: next.recordVersion }, ':horizon': horizonValue(next.horizon), ':released': { BOOL: next.released },
      ':at': { S: new Date().toISOString() }, ':owner': { S: holder.owner }, ':mine': { S: holder.recordVersion },
    },
  }, `${next.released ? 'releasing' : 'renewing'} the ${describe(ref)}`);
}
