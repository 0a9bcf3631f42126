/** SET/REMOVE lists to an UpdateExpression with placeholder names, merged with a condition. */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { SinkValue } from './change-event.js';
import type { Condition } from './guards.js';
import { toAttributeValue } from './marshall.js';

export interface UpdateParts {
  UpdateExpression: string;
  ConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, AttributeValue>;
}

export function buildUpdate(set: Record<string, SinkValue>, remove: readonly string[], condition: Condition): UpdateParts {
  const names: Record<string, string> = { ...condition.ExpressionAttributeNames };
  const values: Record<string, AttributeValue> = { ...condition.ExpressionAttributeValues };
  const setParts: string[] = [];
  let i = 0;
  for (const [name, value] of Object.entries(set)) {
    names[`#u${i}`] = name;
    values[`:u${i}`] = toAttributeValue(value);
    setParts.push(`#u${i} = :u${i}`);
    i++;
  }
  const removeParts: string[] = [];
  for (const name of remove) {
    if (name in set) continue;
    names[`#u${i}`] = name;
    removeParts.push(`#u${i}`);
    i++;
  }
  const clauses = [setParts.length > 0 ? `SET ${setParts.join(', ')}` : '', removeParts.length > 0 ? `REMOVE ${removeParts.join(', ')}` : '']
    .filter((c) => c.length > 0);
  if (clauses.length === 0) throw new RangeError('an update needs at least one attribute to set or remove');
  return {
    UpdateExpression: clauses.join(' '),
    ConditionExpression: condition.ConditionExpression,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}
