import { expect } from 'chai';
import { detailFromItems, IncompleteItemError, inJsonbKeyOrder, reviewFromItem } from '../../../services/query/dynamodb-items.js';
import { detailFromRow } from '../../../services/query/rows.js';

const restaurant = {
  restaurant_id: '0a6f4a2e-5b1c-4c3d-8e9f-000000000001', name: 'Café', city: 'Berlin', address_line: 'Str. 1', postal_code: null,
  country_code: 'DE', latitude: 52.5, longitude: 13.4, price_level: 2, dietary_flags: ['vegan'], description: null, phone: null,
  website: null, opening_hours: { wed: [], mon: [{ open: '09:00', close: '17:00' }], sun: [] }, created_at: '2025-01-02T03:04:05.120000Z',
  updated_at: '2025-01-02T03:04:05.123456Z', _type: 'restaurant', _v: '0.0000000000000000.0000000000000001', pk: 'RESTAURANT#…',
};

describe('DynamoDB items to API shapes', function () {
  it('orders JSON keys as jsonb does (length, then bytes), so bodies are byte-identical', function () {
    expect(Object.keys(inJsonbKeyOrder({ sun: 1, b: 2, mon: 3, aa: 4 }) as object)).to.deep.equal(['b', 'aa', 'mon', 'sun']);
    expect(JSON.stringify(inJsonbKeyOrder({ z: [{ close: 1, open: 2 }] }))).to.equal('{"z":[{"open":2,"close":1}]}');
  });

  it('builds the detail like the PostgreSQL row, categories from membership copies in json_build_object order', function () {
    const membership = { category_id: 'c1', category_kind: 'cuisine', category_slug: 'thai', category_name: 'Thai', _type: 'restaurant_category' };
    const detail = detailFromItems(restaurant, [membership]);
    expect(JSON.stringify(detail)).to.equal(JSON.stringify(detailFromRow(
      { ...restaurant, opening_hours: { mon: [{ open: '09:00', close: '17:00' }], sun: [], wed: [] } },
      [{ id: 'c1', kind: 'cuisine', slug: 'thai', name: 'Thai' }],
    )));
    expect(Object.keys(detail.openingHours as object)).to.deep.equal(['mon', 'sun', 'wed']);
  });

  it('refuses an item that lacks a shown attribute (a copy not yet pulled) rather than answer without it', function () {
    const review = {
      review_id: 'r', rating: 5, title: null, body: 'b', visited_on: null, created_at: '2025-01-02T03:04:05.123456Z', user_id: 'u',
    };
    expect(() => reviewFromItem(review)).to.throw(IncompleteItemError, /reviewer_display_name/);
    expect(reviewFromItem({ ...review, reviewer_display_name: 'Ada' }).reviewer).to.deep.equal({ id: 'u', displayName: 'Ada' });
    const { website: _omitted, ...withoutWebsite } = restaurant;
    expect(() => detailFromItems(withoutWebsite, [])).to.throw(IncompleteItemError, /website/);
  });
});
