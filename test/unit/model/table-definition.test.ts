import { expect } from 'chai';
import { GSI } from '../../../services/model/attributes.js';
import { createTableInput, loadTableDefinition, parseTableDefinition, timeToLiveInput } from '../../../services/model/table-definition.js';

describe('sink model: the table definition (schemas/dynamodb/table.json)', () => {
  const definition = loadTableDefinition();

  it('builds CreateTable input for a given name, with every GSI the model uses', () => {
    const input = createTableInput(definition, 'bellyfed-test-1');
    expect(input.TableName).to.equal('bellyfed-test-1');
    expect(input.BillingMode).to.equal('PAY_PER_REQUEST');
    expect(input.KeySchema).to.deep.equal([{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }]);
    expect(input.GlobalSecondaryIndexes?.map((g) => g.IndexName)).to.deep.equal(Object.values(GSI).map((g) => g.name));
    expect(input.GlobalSecondaryIndexes?.[1]?.Projection?.NonKeyAttributes).to.include.members(['name', 'city', 'price_level', 'dietary_flags']);
    expect(input).to.not.have.property('TimeToLive');
    expect(timeToLiveInput(definition, 'bellyfed-test-1')).to.deep.equal({
      TableName: 'bellyfed-test-1', TimeToLiveSpecification: { AttributeName: '_ttl', Enabled: true },
    });
  });

  it('does not let the JSON drift from the code', () => {
    const broken = JSON.parse(JSON.stringify(definition));
    broken.GlobalSecondaryIndexes[0].KeySchema[0].AttributeName = 'gsi9pk';
    expect(() => parseTableDefinition(broken)).to.throw(/gsi1/);
    expect(() => createTableInput(definition, 'x')).to.throw(RangeError);
  });
});
