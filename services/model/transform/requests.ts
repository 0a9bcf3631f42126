/**
 * Row intents as DynamoDB request inputs, guard included. Building is pure (tested here); the
 * writer only sends. Puts and deletes are also valid BatchWriteItem PutRequests (item only):
 * the batch path is allowed only where the guard is known to hold (MODEL.md, "Guard and batches").
 */
import type { AttributeValue, PutItemCommandInput, UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import { rowPatchCondition, rowStateCondition } from '../guards.js';
import { toItem } from '../marshall.js';
import { buildUpdate } from '../update-expression.js';
import { putAsUpdate, resetAttributes } from './put-as-update.js';
import type { DeleteRowIntent, PatchRowIntent, PutRowIntent } from './intents.js';

const keyOf = (intent: { key: { pk: string; sk: string } }): Record<string, AttributeValue> => ({
  pk: { S: intent.key.pk }, sk: { S: intent.key.sk },
});

/** A put (no copies held) or a delete's tombstone: a conditional PutItem. */
export function guardedPutRequest(intent: PutRowIntent | DeleteRowIntent, tableName: string): PutItemCommandInput {
  const condition = rowStateCondition(intent.version);
  return {
    TableName: tableName,
    Item: toItem(intent.kind === 'put' ? intent.item : intent.tombstone),
    ...condition,
  };
}

/** A put of an item holding copies (keeps them), or a patch: a conditional UpdateItem. */
export function guardedUpdateRequest(intent: PutRowIntent | PatchRowIntent, tableName: string): UpdateItemCommandInput {
  if (intent.kind === 'put') {
    const { set, remove } = putAsUpdate(intent);
    return { TableName: tableName, Key: keyOf(intent), ...buildUpdate(set, remove, rowStateCondition(intent.version)) };
  }
  const remove = [...intent.remove, ...resetAttributes(intent)];
  return { TableName: tableName, Key: keyOf(intent), ...buildUpdate(intent.set, remove, rowPatchCondition(intent.version)) };
}

/** The item of an unconditional BatchWriteItem PutRequest (fast path). */
export function batchPutItem(intent: PutRowIntent | DeleteRowIntent): Record<string, AttributeValue> {
  if (intent.kind === 'put' && intent.copies.length > 0) {
    throw new RangeError(`a ${intent.entity} item holds copies: a blind Put would drop them`);
  }
  return toItem(intent.kind === 'put' ? intent.item : intent.tombstone);
}
