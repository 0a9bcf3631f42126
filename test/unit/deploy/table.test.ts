import { expect } from 'chai';
import type { Template } from 'aws-cdk-lib/assertions';
import { loadTableDefinition } from '../../../services/model/table-definition.js';
import { resourcesOfType, synthesizedTemplate } from './synthesized.js';

// The shared definition itself, read the way local setup and the sink read it.
const definition = loadTableDefinition();

const byName = <T extends { AttributeName?: string; IndexName?: string }>(items: T[]) =>
  [...items].sort((a, b) => String(a.AttributeName ?? a.IndexName).localeCompare(String(b.AttributeName ?? b.IndexName)));

describe('deploy: DynamoDB table', function () {
  let dev: Template;
  before(function () {
    this.timeout(120_000);
    dev = synthesizedTemplate('dev');
  });

  function table() {
    const tables = resourcesOfType(dev, 'AWS::DynamoDB::Table');
    expect(tables).to.have.length(1);
    return tables[0]![1].Properties!;
  }

  it('has the keys, attribute definitions and indexes of schemas/dynamodb/table.json', function () {
    const t = table();
    expect(t.KeySchema).to.deep.equal(definition.KeySchema);
    expect(byName(t.AttributeDefinitions)).to.deep.equal(byName(definition.AttributeDefinitions));
    const indexes = byName(t.GlobalSecondaryIndexes as Array<{ IndexName: string }>);
    expect(indexes).to.deep.equal(byName(definition.GlobalSecondaryIndexes.map((g) => ({
      IndexName: g.IndexName,
      KeySchema: g.KeySchema,
      Projection: g.Projection,
    }))));
  });

  it('is on demand, with point-in-time recovery and the definition\'s TTL attribute', function () {
    const t = table();
    expect(t.BillingMode).to.equal(definition.BillingMode);
    expect(t.PointInTimeRecoverySpecification).to.deep.equal({ PointInTimeRecoveryEnabled: true });
    expect(t.TimeToLiveSpecification).to.deep.equal({ AttributeName: definition.TimeToLive.AttributeName, Enabled: true });
  });
});
