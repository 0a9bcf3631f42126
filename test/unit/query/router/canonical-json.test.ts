import { expect } from 'chai';
import { canonicalJson, firstDifferences } from '../../../../services/query/router/canonical-json.js';

describe('read-router: canonical comparison', function () {
  it('is equal for the same values whatever the key order, at every depth', function () {
    const a = { id: 'x', address: { line: 'a', postalCode: null }, list: [{ b: 1, a: 2 }] };
    const b = { list: [{ a: 2, b: 1 }], address: { postalCode: null, line: 'a' }, id: 'x' };
    expect(canonicalJson(a)).to.equal(canonicalJson(b));
    expect(canonicalJson(a)).to.equal('{"address":{"line":"a","postalCode":null},"id":"x","list":[{"a":2,"b":1}]}');
  });

  it('tells apart what a client would see differently: order of arrays, types, values, missing keys', function () {
    expect(canonicalJson([1, 2])).to.not.equal(canonicalJson([2, 1]));
    expect(canonicalJson({ price: '12.50' })).to.not.equal(canonicalJson({ price: '12.5' }));
    expect(canonicalJson({ price: '1' })).to.not.equal(canonicalJson({ price: 1 }));
    expect(canonicalJson({ a: null })).to.not.equal(canonicalJson({}));
    expect(canonicalJson(undefined)).to.equal('undefined');
    expect(canonicalJson(undefined)).to.not.equal(canonicalJson([]));
  });

  it('lists the first differing paths and their kind, never the values', function () {
    const expected = { items: [{ id: 'a', name: 'Zoë', tags: ['x'] }, { id: 'b' }], next: { id: 'c' } };
    const candidate = { items: [{ id: 'a', name: 'Zoe', tags: ['x', 'y'], extra: 1 }, { id: 'b' }] };
    const differences = firstDifferences(expected, candidate);
    expect(differences).to.deep.equal([
      { path: '/items/0/extra', kind: 'extra-in-candidate' },
      { path: '/items/0/name', kind: 'value' },
      { path: '/items/0/tags', kind: 'length' },
      { path: '/next', kind: 'missing-in-candidate' },
    ]);
    expect(JSON.stringify(differences)).to.not.include('Zo');
    expect(firstDifferences({ a: 1 }, { a: '1' })).to.deep.equal([{ path: '/a', kind: 'type' }]);
    expect(firstDifferences([1, 2, 3, 4, 5, 6, 7], [0, 0, 0, 0, 0, 0, 0], 3)).to.have.length(3);
    expect(firstDifferences({ 'a/b': 1 }, { 'a/b': 2 })[0]?.path).to.equal('/a~1b');
  });
});
