/**
 * The condition of a repair write: "the item is still exactly what we read". A repair writes the
 * state of a PostgreSQL snapshot taken *after* the stored item was read, so that state is at
 * least as new as every change the item shows; it keeps the stored versions (`_v`, `_cv_*`), so
 * every change the sink has not applied yet still wins over it (its version is higher), and
 * every older replay still loses. No version can be invented for a snapshot read that would do
 * both (a streamed change always outranks class 0; a class-1 version would block in-flight
 * changes of transactions that straddle the snapshot). If the item changed in between — the sink
 * wrote a newer state — the condition fails and the repair leaves it alone.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { KEY, META } from '../model/attributes.js';
import type { StoredState } from './types.js';

export interface RepairCondition {
  ConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  /** Absent when empty: DynamoDB refuses an empty map. */
  ExpressionAttributeValues?: Record<string, AttributeValue>;
}

export function unchangedSinceRead(stored: StoredState | undefined, copyVersionAttributes: readonly string[]): RepairCondition {
  if (stored === undefined) return { ConditionExpression: 'attribute_not_exists(#pk)', ExpressionAttributeNames: { '#pk': KEY.pk } };
  const parts: string[] = [];
  const names: Record<string, string> = { '#v': META.version };
  const values: Record<string, AttributeValue> = {};
  if (stored.version === undefined) parts.push('attribute_exists(#pk) AND attribute_not_exists(#v)');
  else {
    parts.push('#v = :v');
    values[':v'] = { S: stored.version };
  }
  if (stored.version === undefined) names['#pk'] = KEY.pk;
  copyVersionAttributes.forEach((attribute, i) => {
    names[`#cv${i}`] = attribute;
    const value = stored.copyVersions[attribute];
    if (value === undefined) parts.push(`attribute_not_exists(#cv${i})`);
    else {
      parts.push(`#cv${i} = :cv${i}`);
      values[`:cv${i}`] = { S: value };
    }
  });
  return {
    ConditionExpression: parts.join(' AND '), ExpressionAttributeNames: names,
    ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
  };
}
