import { expect } from 'chai';
import { decodeCursor, encodeCursor } from '../../../../services/query/cursor.js';
import { listingPlan } from '../../../../services/model/read-queries.js';
import { BellyfedError } from '../../../../services/shared/errors.js';

const ID = '0a6f4a2e-5b1c-4c3d-8e9f-000000000001';
const cursorOf = (name: string) => Buffer.from(JSON.stringify({ v: 1, n: name, i: ID })).toString('base64url');

describe('cursors are valid on both stores or on neither', function () {
  it('every cursor the API accepts can be encoded as a DynamoDB key range', function () {
    for (const name of ['Ab', 'Ab c', '東京 🍜', '\u007fX', 'x'.repeat(600)]) {
      const position = decodeCursor(encodeCursor({ name, id: ID }));
      expect(() => listingPlan({ city: undefined, cuisine: undefined, fetch: 21, after: position })).to.not.throw();
    }
  });

  it('refuses names with U+0000–U+001F (no stored name has them; DynamoDB keys use U+0001) as INVALID_CURSOR', function () {
    for (const name of ['Ab\u0001c', '\u0000', 'tab\there', 'x\u001f']) {
      expect(() => decodeCursor(cursorOf(name)), JSON.stringify(name)).to.throw(BellyfedError).with.property('code', 'INVALID_CURSOR');
    }
  });
});
