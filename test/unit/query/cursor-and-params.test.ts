import { expect } from 'chai';
import { decodeCursor, encodeCursor } from '../../../services/query/cursor.js';
import { parseListQuery, parseNoQuery, parseRestaurantId } from '../../../services/query/params.js';
import { isBellyfedError, type ErrorCode } from '../../../services/shared/errors.js';

function codeOf(fn: () => unknown): ErrorCode | undefined {
  try {
    fn();
  } catch (err) {
    if (isBellyfedError(err)) return err.code;
    throw err;
  }
  return undefined;
}

const ID = '3f2b8c1e-7d4a-4b6e-9c0d-1a2b3c4d5e6f';

describe('cursor', function () {
  it('round-trips positions, including unicode and separators in names', function () {
    for (const name of ['A', 'Café Olé 1', '寿司 さかえ', 'a"b\\c', ' 🍣 ', 'x'.repeat(300)]) {
      const cursor = encodeCursor({ name, id: ID });
      expect(cursor).to.match(/^[A-Za-z0-9_-]+$/);
      expect(decodeCursor(cursor)).to.deep.equal({ name, id: ID });
    }
  });

  it('refuses anything it did not issue', function () {
    const forged = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    for (const cursor of ['', '!!', 'abc', forged({ v: 2, n: 'a', i: ID }), forged({ v: 1, n: '', i: ID }), forged({ v: 1, n: 'a', i: 'x' }), forged([1]), forged(null), 'A'.repeat(2000)]) {
      expect(codeOf(() => decodeCursor(cursor)), cursor.slice(0, 40)).to.equal('INVALID_CURSOR');
    }
  });
});

describe('request parameters', function () {
  it('lists with defaults', function () {
    expect(parseListQuery({})).to.deep.equal({ city: undefined, cuisine: undefined, limit: 20, after: undefined });
  });

  it('accepts every parameter together', function () {
    const cursor = encodeCursor({ name: 'B', id: ID });
    expect(parseListQuery({ city: 'São Paulo', cuisine: 'middle-eastern', limit: '100', cursor })).to.deep.equal({
      city: 'São Paulo', cuisine: 'middle-eastern', limit: 100, after: { name: 'B', id: ID },
    });
  });

  const refused: Array<[Record<string, unknown>, ErrorCode]> = [
    [{ page: '2' }, 'UNKNOWN_PARAMETER'],
    [{ city: ['a', 'b'] }, 'INVALID_PARAMETER'],
    [{ city: '' }, 'INVALID_PARAMETER'],
    [{ city: 'a\u0000b' }, 'INVALID_PARAMETER'],
    [{ city: 'x'.repeat(201) }, 'INVALID_PARAMETER'],
    [{ cuisine: 'Thai' }, 'INVALID_PARAMETER'],
    [{ cuisine: 'thai--food' }, 'INVALID_PARAMETER'],
    [{ limit: '0' }, 'INVALID_PARAMETER'],
    [{ limit: '101' }, 'INVALID_PARAMETER'],
    [{ limit: '2.5' }, 'INVALID_PARAMETER'],
    [{ limit: ' 5' }, 'INVALID_PARAMETER'],
    [{ limit: '0005' }, 'INVALID_PARAMETER'],
    [{ cursor: 'nope' }, 'INVALID_CURSOR'],
  ];
  for (const [query, code] of refused) {
    it(`refuses ${JSON.stringify(query).slice(0, 60)} with ${code}`, function () {
      expect(codeOf(() => parseListQuery(query))).to.equal(code);
    });
  }

  it('endpoints without parameters refuse any', function () {
    expect(codeOf(() => parseNoQuery({ limit: '1' }))).to.equal('UNKNOWN_PARAMETER');
    expect(codeOf(() => parseNoQuery({}))).to.equal(undefined);
  });

  it('restaurant ids are UUIDs, normalised to lower case', function () {
    expect(parseRestaurantId(ID.toUpperCase())).to.equal(ID);
    for (const bad of ['1', `${ID}0`, ID.replace(/-/g, ''), `${ID}'--`, '']) {
      expect(codeOf(() => parseRestaurantId(bad)), bad).to.equal('INVALID_PARAMETER');
    }
  });
});
