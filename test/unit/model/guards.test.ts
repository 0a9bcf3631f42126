import { expect } from 'chai';
import { COPIES } from '../../../services/model/copies.js';
import { copyCondition, rowPatchCondition, rowStateCondition, watermarkCondition } from '../../../services/model/guards.js';
import { buildUpdate } from '../../../services/model/update-expression.js';
import { compareVersions, formatVersion, isVersion, VERSION_ZERO } from '../../../services/model/version.js';

describe('sink model: the LSN guard', () => {
  const v = formatVersion('1', 0x16e904fn, 0x16e9058n);

  it('versions are fixed-width, so string order is stream order', () => {
    expect(v).to.equal('1.00000000016e904f.00000000016e9058');
    expect(isVersion(v)).to.equal(true);
    const stream = [formatVersion('0', 0n, 900n), formatVersion('1', 5n, 1000n), formatVersion('1', 5n, 1001n), formatVersion('1', 6n, 2n), formatVersion('1', 0x1_0000_0000n, 1n)];
    expect([...stream].reverse().sort(compareVersions)).to.deep.equal(stream);
    expect(compareVersions(VERSION_ZERO, stream[0] as string)).to.be.below(0);
    expect(() => formatVersion('1', -1n, 0n)).to.throw(RangeError);
  });

  it('a whole row state replaces nothing newer, live or tombstone', () => {
    expect(rowStateCondition(v)).to.deep.equal({
      ConditionExpression: 'attribute_not_exists(#pk) OR #v < :v',
      ExpressionAttributeNames: { '#pk': 'pk', '#v': '_v' },
      ExpressionAttributeValues: { ':v': { S: v } },
    });
  });

  it('a partial state applies only to a live, older item', () => {
    expect(rowPatchCondition(v).ConditionExpression).to.equal('attribute_exists(#pk) AND attribute_not_exists(#deleted) AND #v < :v');
    expect(rowPatchCondition(v).ExpressionAttributeNames).to.deep.equal({ '#pk': 'pk', '#deleted': '_deleted', '#v': '_v' });
  });

  it('a copy lands only on a live item of the same source, from a newer source version', () => {
    const c = copyCondition(COPIES.reviewer, '1b7e5b3f-6c2d-4d4e-9fa0-000000000001', v);
    expect(c.ConditionExpression).to.equal(
      'attribute_exists(#pk) AND attribute_not_exists(#deleted) AND #sid = :sid AND (attribute_not_exists(#cv) OR #cv < :cv)',
    );
    expect(c.ExpressionAttributeNames).to.deep.equal({ '#pk': 'pk', '#deleted': '_deleted', '#sid': 'user_id', '#cv': '_cv_reviewer' });
    expect(c.ExpressionAttributeValues).to.deep.equal({ ':sid': { S: '1b7e5b3f-6c2d-4d4e-9fa0-000000000001' }, ':cv': { S: v } });
  });

  it('watermarks only move forward', () => {
    expect(watermarkCondition(1234)).to.deep.equal({
      ConditionExpression: 'attribute_not_exists(#ts) OR #ts < :ts',
      ExpressionAttributeNames: { '#ts': '_ts' },
      ExpressionAttributeValues: { ':ts': { N: '1234' } },
    });
  });

  it('builds SET/REMOVE with placeholders and keeps the condition\'s names and values', () => {
    const u = buildUpdate({ name: 'Ada', price: '12.50' }, ['_deleted', 'name'], rowStateCondition(v));
    expect(u.UpdateExpression).to.equal('SET #u0 = :u0, #u1 = :u1 REMOVE #u2');
    expect(u.ConditionExpression).to.equal('attribute_not_exists(#pk) OR #v < :v');
    expect(u.ExpressionAttributeNames).to.deep.equal({ '#pk': 'pk', '#v': '_v', '#u0': 'name', '#u1': 'price', '#u2': '_deleted' });
    expect(u.ExpressionAttributeValues).to.deep.equal({ ':v': { S: v }, ':u0': { S: 'Ada' }, ':u1': { S: '12.50' } });
    expect(() => buildUpdate({}, [], rowStateCondition(v))).to.throw(RangeError);
  });
});
