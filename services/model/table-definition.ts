/**
 * schemas/dynamodb/table.json — the one table definition — as typed inputs for CreateTable and
 * UpdateTimeToLive. Parsing and building are pure; loadTableDefinition is the only file read.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  AttributeDefinition, CreateTableCommandInput, GlobalSecondaryIndex, KeySchemaElement, UpdateTimeToLiveCommandInput,
} from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import { SCHEMAS_DIR } from '../shared/paths.js';
import { GSI, KEY, META } from './attributes.js';

export const TABLE_DEFINITION_PATH = join(SCHEMAS_DIR, 'dynamodb', 'table.json');

const keySchema = z.array(z.object({ AttributeName: z.string().min(1), KeyType: z.enum(['HASH', 'RANGE']) })).min(1).max(2);

const TableDefinitionSchema = z.object({
  AttributeDefinitions: z.array(z.object({ AttributeName: z.string().min(1), AttributeType: z.enum(['S', 'N', 'B']) })).min(1),
  KeySchema: keySchema,
  GlobalSecondaryIndexes: z.array(z.object({
    IndexName: z.string().min(3),
    KeySchema: keySchema,
    Projection: z.object({
      ProjectionType: z.enum(['ALL', 'KEYS_ONLY', 'INCLUDE']),
      NonKeyAttributes: z.array(z.string().min(1)).optional(),
    }),
  })).max(20),
  BillingMode: z.literal('PAY_PER_REQUEST'),
  TimeToLive: z.object({ AttributeName: z.string().min(1), Enabled: z.boolean() }),
});

export type TableDefinition = z.infer<typeof TableDefinitionSchema>;

/** Validates the JSON and checks it against the key attributes the model code uses. */
export function parseTableDefinition(json: unknown): TableDefinition {
  const definition = TableDefinitionSchema.parse(json);
  const declared = new Set(definition.AttributeDefinitions.map((a) => a.AttributeName));
  const hash = (ks: { AttributeName: string; KeyType: string }[]) => ks.find((k) => k.KeyType === 'HASH')?.AttributeName;
  const range = (ks: { AttributeName: string; KeyType: string }[]) => ks.find((k) => k.KeyType === 'RANGE')?.AttributeName;
  const problems: string[] = [];
  if (hash(definition.KeySchema) !== KEY.pk || range(definition.KeySchema) !== KEY.sk) problems.push(`table key must be (${KEY.pk}, ${KEY.sk})`);
  for (const gsi of Object.values(GSI)) {
    const index = definition.GlobalSecondaryIndexes.find((g) => g.IndexName === gsi.name);
    if (!index) problems.push(`index ${gsi.name} is missing`);
    else if (hash(index.KeySchema) !== gsi.pk || range(index.KeySchema) !== gsi.sk) problems.push(`index ${gsi.name} must be keyed (${gsi.pk}, ${gsi.sk})`);
  }
  for (const index of definition.GlobalSecondaryIndexes) {
    for (const k of index.KeySchema) if (!declared.has(k.AttributeName)) problems.push(`${index.IndexName}: ${k.AttributeName} is not in AttributeDefinitions`);
  }
  if (definition.TimeToLive.AttributeName !== META.expiresAt) problems.push(`TTL attribute must be ${META.expiresAt}`);
  if (problems.length > 0) throw new RangeError(`schemas/dynamodb/table.json does not match the model: ${problems.join('; ')}`);
  return definition;
}

export function loadTableDefinition(path = TABLE_DEFINITION_PATH): TableDefinition {
  return parseTableDefinition(JSON.parse(readFileSync(path, 'utf8')));
}

export function createTableInput(definition: TableDefinition, tableName: string): CreateTableCommandInput {
  if (!/^[A-Za-z0-9_.-]{3,255}$/.test(tableName)) throw new RangeError(`'${tableName}' is not a valid DynamoDB table name`);
  return {
    TableName: tableName,
    AttributeDefinitions: definition.AttributeDefinitions.map((a): AttributeDefinition => ({ ...a })),
    KeySchema: definition.KeySchema.map((k): KeySchemaElement => ({ ...k })),
    GlobalSecondaryIndexes: definition.GlobalSecondaryIndexes.map((g): GlobalSecondaryIndex => ({
      IndexName: g.IndexName,
      KeySchema: g.KeySchema.map((k) => ({ ...k })),
      Projection: g.Projection.ProjectionType === 'INCLUDE'
        ? { ProjectionType: 'INCLUDE', NonKeyAttributes: [...(g.Projection.NonKeyAttributes ?? [])] }
        : { ProjectionType: g.Projection.ProjectionType },
    })),
    BillingMode: definition.BillingMode,
  };
}

export function timeToLiveInput(definition: TableDefinition, tableName: string): UpdateTimeToLiveCommandInput {
  return { TableName: tableName, TimeToLiveSpecification: { ...definition.TimeToLive } };
}
