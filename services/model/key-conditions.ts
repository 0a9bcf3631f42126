/**
 * Sort-key conditions as data, and their KeyConditionExpression. The reader builds its Queries
 * from these; tests check the ranges against PostgreSQL's order.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

export type SortKeyRange =
  | { kind: 'all' }
  | { kind: 'prefix'; prefix: string }
  | { kind: 'from'; from: string }
  | { kind: 'between'; from: string; to: string };

export interface KeyQuery {
  /** undefined: the base table. */
  indexName: string | undefined;
  pkAttribute: string;
  skAttribute: string;
  partition: string;
  range: SortKeyRange;
  /** false: newest/greatest first. */
  forward: boolean;
  limit: number | undefined;
}

export interface KeyConditionParts {
  KeyConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, AttributeValue>;
}

export function keyCondition(query: KeyQuery): KeyConditionParts {
  const names = { '#pk': query.pkAttribute, '#sk': query.skAttribute };
  const values: Record<string, AttributeValue> = { ':pk': { S: query.partition } };
  let expression = '#pk = :pk';
  const range = query.range;
  switch (range.kind) {
    case 'all':
      return { KeyConditionExpression: expression, ExpressionAttributeNames: { '#pk': query.pkAttribute }, ExpressionAttributeValues: values };
    case 'prefix':
      expression += ' AND begins_with(#sk, :from)';
      values[':from'] = { S: range.prefix };
      break;
    case 'from':
      expression += ' AND #sk >= :from';
      values[':from'] = { S: range.from };
      break;
    case 'between':
      expression += ' AND #sk BETWEEN :from AND :to';
      values[':from'] = { S: range.from };
      values[':to'] = { S: range.to };
      break;
  }
  return { KeyConditionExpression: expression, ExpressionAttributeNames: names, ExpressionAttributeValues: values };
}

/** Whether a sort key falls in a range: the same rule DynamoDB applies (UTF-8 byte order). */
export function inRange(sortKey: string, range: SortKeyRange): boolean {
  const cmp = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
  switch (range.kind) {
    case 'all':
      return true;
    case 'prefix':
      return Buffer.from(sortKey, 'utf8').subarray(0, Buffer.byteLength(range.prefix)).equals(Buffer.from(range.prefix, 'utf8'));
    case 'from':
      return cmp(sortKey, range.from) >= 0;
    case 'between':
      return cmp(sortKey, range.from) >= 0 && cmp(sortKey, range.to) <= 0;
  }
}
