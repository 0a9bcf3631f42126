import avsc from 'avsc';
import { expect } from 'chai';
import { analyticsEvent, analyticsEventSchema } from '../../../services/analytics/events.js';
import { batchEncoder } from '../../../services/analytics/wire-encoding.js';

describe('analytics wire encoding', () => {
  it('encodes a batch in the Confluent wire format: magic byte, schema id, then the Avro record', () => {
    const events = [
      analyticsEvent('RESTAURANTS_LISTED', { requestId: 'r1', dataSource: 'postgres', city: 'Tokyo', cuisine: null, resultCount: 20 }, 1_700_000_000_123),
      analyticsEvent('RESTAURANT_VIEWED', { requestId: 'r2', dataSource: 'dynamodb', restaurantId: '3f2b8c1e-7d4a-4b6e-9c0d-1a2b3c4d5e6f' }, 1_700_000_000_456),
    ];
    const encoded = batchEncoder(analyticsEventSchema(), 417)(events);
    expect(encoded).to.have.length(2);
    const type = avsc.Type.forSchema(JSON.parse(analyticsEventSchema()) as avsc.Schema);
    encoded.forEach((buffer, i) => {
      expect(buffer[0], 'magic byte').to.equal(0);
      expect(buffer.readInt32BE(1), 'schema id').to.equal(417);
      expect({ ...(type.fromBuffer(buffer.subarray(5)) as object) }).to.deep.equal(events[i]);
    });
  });

  it('refuses an event the schema does not allow rather than sending bytes nobody can read', () => {
    const bad = { ...analyticsEvent('RESTAURANT_VIEWED', { requestId: 'r', dataSource: 'postgres' }), type: 'SOMETHING_ELSE' };
    expect(() => batchEncoder(analyticsEventSchema(), 1)([bad as never])).to.throw();
  });
});
