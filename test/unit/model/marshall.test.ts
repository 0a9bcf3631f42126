import { expect } from 'chai';
import { IntegerText } from '../../../services/model/change-event.js';
import { isPoisonEventError } from '../../../services/model/errors.js';
import { fromAttributeValue, fromItem, toAttributeValue, toItem } from '../../../services/model/marshall.js';

describe('sink model: values to DynamoDB and back, exactly', () => {
  it('keeps decimals as strings so the scale survives ("12.50", not "12.5")', () => {
    expect(toAttributeValue('12.50')).to.deep.equal({ S: '12.50' });
    expect(toAttributeValue('12345678901234567890.12')).to.deep.equal({ S: '12345678901234567890.12' });
  });

  it('writes numbers from their round-trip text and reads back the same double', () => {
    for (const n of [0, -0, 1, -17, 52.520008, 13.404954, 0.1 + 0.2, 1e21, 2 ** 53 - 1, -90, 180]) {
      const av = toAttributeValue(n);
      expect(Number(av.N)).to.equal(n === 0 ? 0 : n);
      expect(fromAttributeValue(av)).to.equal(n === 0 ? 0 : n);
    }
    expect(toAttributeValue(new IntegerText('123456789012345678901234567890'))).to.deep.equal({ N: '123456789012345678901234567890' });
    expect(fromAttributeValue({ N: '123456789012345678901234567890' })).to.deep.equal(new IntegerText('123456789012345678901234567890'));
  });

  it('maps nested JSON, lists with nulls, unicode and bytes', () => {
    const value = { mon: [{ open: '09:00', close: null }], note: '東京 😀', ok: true, n: [1, 2.5] };
    const item = toItem({ opening_hours: value, flags: ['a', null], blob: Uint8Array.from([1, 2]) });
    expect(item.opening_hours).to.deep.equal({
      M: { mon: { L: [{ M: { open: { S: '09:00' }, close: { NULL: true } } }] }, note: { S: '東京 😀' }, ok: { BOOL: true }, n: { L: [{ N: '1' }, { N: '2.5' }] } },
    });
    expect(fromItem(item)).to.deep.equal({ opening_hours: value, flags: ['a', null], blob: Uint8Array.from([1, 2]) });
  });

  it('refuses, as poison, what DynamoDB cannot hold exactly', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = [deep];
    for (const bad of [Number.NaN, Infinity, 1e300, 1e-200, deep, { '': 1 }]) {
      try {
        toAttributeValue(bad as never);
        expect.fail(`accepted ${String(bad)}`);
      } catch (err) {
        expect(isPoisonEventError(err, 'UNREPRESENTABLE_VALUE')).to.equal(true);
      }
    }
  });
});
