/**
 * The DynamoDB table from schemas/dynamodb/table.json — the file local setup and the tests
 * create their tables from, parsed by the sink's own loader so all three agree — on demand,
 * with point-in-time recovery and the definition's TTL attribute (tombstones expire).
 */
import { RemovalPolicy, aws_dynamodb as dynamodb } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { TableDefinition } from '../services/model/table-definition.js';
import type { StageSettings } from './stage.js';

type KeyList = TableDefinition['KeySchema'];

function attributeType(definition: TableDefinition, name: string): dynamodb.AttributeType {
  const declared = definition.AttributeDefinitions.find((a) => a.AttributeName === name);
  if (!declared) throw new RangeError(`schemas/dynamodb/table.json: key attribute ${name} is not in AttributeDefinitions`);
  return { S: dynamodb.AttributeType.STRING, N: dynamodb.AttributeType.NUMBER, B: dynamodb.AttributeType.BINARY }[declared.AttributeType];
}

function keys(definition: TableDefinition, keySchema: KeyList) {
  const key = (type: 'HASH' | 'RANGE') => {
    const name = keySchema.find((k) => k.KeyType === type)?.AttributeName;
    return name === undefined ? undefined : { name, type: attributeType(definition, name) };
  };
  const partitionKey = key('HASH');
  if (!partitionKey) throw new RangeError('schemas/dynamodb/table.json: a key schema has no HASH key');
  return { partitionKey, sortKey: key('RANGE') };
}

const PROJECTION: Record<string, dynamodb.ProjectionType> = {
  ALL: dynamodb.ProjectionType.ALL,
  KEYS_ONLY: dynamodb.ProjectionType.KEYS_ONLY,
  INCLUDE: dynamodb.ProjectionType.INCLUDE,
};

export class ProjectionTable extends Construct {
  readonly table: dynamodb.Table;
  readonly indexNames: readonly string[];

  constructor(scope: Construct, id: string, props: { settings: StageSettings; definition: TableDefinition }) {
    super(scope, id);
    const { definition, settings } = props;
    this.table = new dynamodb.Table(this, 'Table', {
      tableName: `bellyfed-${settings.stage}-projection`,
      ...keys(definition, definition.KeySchema),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: definition.TimeToLive.Enabled ? definition.TimeToLive.AttributeName : undefined,
      deletionProtection: settings.protectData,
      // The table is a projection: it can be rebuilt from PostgreSQL, but not quickly, so prod keeps it.
      removalPolicy: settings.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    for (const index of definition.GlobalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.IndexName,
        ...keys(definition, index.KeySchema),
        projectionType: PROJECTION[index.Projection.ProjectionType]!,
        ...(index.Projection.ProjectionType === 'INCLUDE' ? { nonKeyAttributes: [...(index.Projection.NonKeyAttributes ?? [])] } : {}),
      });
    }
    this.indexNames = definition.GlobalSecondaryIndexes.map((index) => index.IndexName);
  }

  /** The table and each of its indexes: what Query on an index is authorised against. */
  get tableAndIndexArns(): string[] {
    return [this.table.tableArn, `${this.table.tableArn}/index/*`];
  }
}
