/**
 * The LSN guard as DynamoDB conditions. Each write states which stored state it may replace:
 * a change older than what is stored never overwrites it (the write's condition fails, which
 * the writer counts as "already newer" — success, not an error).
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { KEY, META } from './attributes.js';

export interface Condition {
  ConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, AttributeValue>;
}

/**
 * A whole row state (put, or a tombstone for a delete): allowed when nothing is stored or the
 * stored state — live or tombstone — is older. A tombstone therefore blocks the replay of any
 * put older than the delete: nothing is resurrected.
 */
export function rowStateCondition(version: string): Condition {
  return {
    ConditionExpression: 'attribute_not_exists(#pk) OR #v < :v',
    ExpressionAttributeNames: { '#pk': KEY.pk, '#v': META.version },
    ExpressionAttributeValues: { ':v': { S: version } },
  };
}

/**
 * Part of a row state (an update whose image lacks TOASTed columns): only onto a live, older
 * state of the same row — a partial image must never create an item nor revive a tombstone.
 */
export function rowPatchCondition(version: string): Condition {
  return {
    ConditionExpression: 'attribute_exists(#pk) AND attribute_not_exists(#deleted) AND #v < :v',
    ExpressionAttributeNames: { '#pk': KEY.pk, '#deleted': META.deleted, '#v': META.version },
    ExpressionAttributeValues: { ':v': { S: version } },
  };
}

/**
 * A copy of another row's columns: onto a live item only (a copy never creates or revives an
 * item), only onto items whose row still names that source (a review whose user_id changed takes
 * no late refresh from its former reviewer), and only when the copy on the item comes from an
 * older version of its source. Each copy has its own version attribute, so it never competes
 * with the row's own `_v`.
 */
export function copyCondition(copy: CopyGuard, sourceId: string, sourceVersion: string): Condition {
  return {
    ConditionExpression:
      'attribute_exists(#pk) AND attribute_not_exists(#deleted) AND #sid = :sid AND (attribute_not_exists(#cv) OR #cv < :cv)',
    ExpressionAttributeNames: {
      '#pk': KEY.pk, '#deleted': META.deleted, '#sid': copy.targetSourceIdAttribute, '#cv': copy.versionAttribute,
    },
    ExpressionAttributeValues: { ':sid': { S: sourceId }, ':cv': { S: sourceVersion } },
  };
}

/** What copyCondition needs to know about a copy (model/copies.ts). */
export interface CopyGuard {
  versionAttribute: string;
  targetSourceIdAttribute: string;
}

/** Watermarks only move forward. */
export function watermarkCondition(sourceTsMs: number): Condition {
  return {
    ConditionExpression: 'attribute_not_exists(#ts) OR #ts < :ts',
    ExpressionAttributeNames: { '#ts': META.sourceTs },
    ExpressionAttributeValues: { ':ts': { N: String(sourceTsMs) } },
  };
}
