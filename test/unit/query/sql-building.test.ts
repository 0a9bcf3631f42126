import { expect } from 'chai';
import { listRestaurantsQuery } from '../../../services/query/sql/list-restaurants.js';
import { formatTimestamp } from '../../../services/query/present.js';

const ID = '3f2b8c1e-7d4a-4b6e-9c0d-1a2b3c4d5e6f';

describe('listing SQL', function () {
  it('without filters: no WHERE, ordered by name in byte order then id, limit + 1', function () {
    const q = listRestaurantsQuery({ city: undefined, cuisine: undefined, limit: 20, after: undefined });
    expect(q.text).to.not.contain('WHERE');
    expect(q.text).to.match(/ORDER BY r\.name COLLATE "C", r\.restaurant_id\nLIMIT \$1$/);
    expect(q.values).to.deep.equal([21]);
    expect(q.name).to.equal('list_restaurants_all');
  });

  it('numbers parameters in order for every combination of filters, and names each shape once', function () {
    const names = new Set<string>();
    for (const city of [undefined, 'Paris']) {
      for (const cuisine of [undefined, 'thai']) {
        for (const after of [undefined, { name: 'N', id: ID }]) {
          const q = listRestaurantsQuery({ city, cuisine, limit: 5, after });
          const expectedValues: unknown[] = [city, cuisine, after?.name, after?.id].filter((v) => v !== undefined);
          expectedValues.push(6);
          expect(q.values).to.deep.equal(expectedValues);
          const placeholders = [...q.text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]));
          expect(placeholders).to.deep.equal(expectedValues.map((_, i) => i + 1));
          names.add(q.name);
        }
      }
    }
    expect(names.size).to.equal(8);
  });

  it('never puts a value into the SQL text', function () {
    const hostile = "x'; DROP TABLE restaurants; --";
    const q = listRestaurantsQuery({ city: hostile, cuisine: 'thai', limit: 5, after: { name: hostile, id: ID } });
    expect(q.text).to.not.contain('DROP');
    expect(q.text).to.not.contain(ID);
    expect(q.values).to.include(hostile);
  });
});

describe('formatTimestamp', function () {
  it('gives ISO UTC with exactly six fractional digits', function () {
    expect(formatTimestamp('2025-03-01 10:00:00.123456+00')).to.equal('2025-03-01T10:00:00.123456Z');
    expect(formatTimestamp('2025-03-01 10:00:00.12+00')).to.equal('2025-03-01T10:00:00.120000Z');
    expect(formatTimestamp('2025-03-01 10:00:00+00')).to.equal('2025-03-01T10:00:00.000000Z');
    expect(formatTimestamp('1969-12-31T23:59:59.5Z')).to.equal('1969-12-31T23:59:59.500000Z');
  });

  it('refuses a non-UTC form rather than mislabel it', function () {
    expect(() => formatTimestamp('2025-03-01 10:00:00+02')).to.throw(RangeError);
  });
});
