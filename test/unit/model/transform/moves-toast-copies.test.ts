import { expect } from 'chai';
import { UNAVAILABLE } from '../../../../services/model/change-event.js';
import { transformChange } from '../../../../services/model/transform/transform.js';
import type { PatchRowIntent, PullCopyIntent, PushCopyIntent, PutRowIntent, WriteIntent } from '../../../../services/model/transform/intents.js';
import { change, ids, rows } from '../../sink/helpers.js';

const of = <K extends WriteIntent['kind']>(intents: WriteIntent[], kind: K) => intents.filter((i) => i.kind === kind) as Extract<WriteIntent, { kind: K }>[];

describe('sink transform: key moves', () => {
  it('a review whose time changes keeps its item and moves its index entries (no orphan possible)', () => {
    const before = rows.review();
    const after = rows.review({ created_at: '2025-02-01T00:00:00.000000Z' });
    const [put] = of(transformChange(change('reviews', 'u', { before, after })), 'put') as PutRowIntent[];
    expect(put?.key).to.deep.equal({ pk: `REVIEW#${ids.review}`, sk: 'REVIEW' });
    expect(put?.item.gsi1sk).to.equal(`1REVIEW#2025-02-01T00:00:00.000000Z#${ids.review}`);
  });

  it('a menu item moved to another restaurant moves to that restaurant\'s collection', () => {
    const [put] = of(transformChange(change('menu_items', 'u', { before: rows.menuItem(), after: rows.menuItem({ restaurant_id: ids.restaurant2 }) })), 'put') as PutRowIntent[];
    expect(put?.item.gsi1pk).to.equal(`RESTAURANT#${ids.restaurant2}`);
  });

  it('a restaurant renamed or moved to another city moves its listing entries and refreshes its cuisine entries', () => {
    const intents = transformChange(change('restaurants', 'u', { before: rows.restaurant(), after: rows.restaurant({ name: 'Neu', city: 'Hamburg' }) }));
    const [put] = of(intents, 'put') as PutRowIntent[];
    expect(put?.item).to.deep.include({ gsi3pk: 'CITY#Hamburg', gsi3sk: `Neu\u0001${ids.restaurant}`, gsi2sk: `Neu\u0001${ids.restaurant}` });
    const [push] = of(intents, 'push-copy') as PushCopyIntent[];
    expect(push).to.deep.include({ copy: 'restaurant_summary', sourceId: ids.restaurant, changeUnknown: false });
    expect(push?.values).to.deep.include({ name: 'Neu', city: 'Hamburg', latitude: 52.52 });
  });

  it('a primary-key change (delete + create in one update) tombstones the old key and puts the new', () => {
    const intents = transformChange(change('favorites', 'u', { before: rows.favorite(), after: rows.favorite({ restaurant_id: ids.restaurant2 }) }));
    expect(intents.map((i) => [i.kind, 'key' in i ? i.key.sk : ''])).to.deep.equal([
      ['delete', `FAVORITE#${ids.restaurant}`], ['put', `FAVORITE#${ids.restaurant2}`],
    ]);
  });
});

describe('sink transform: the TOAST placeholder never overwrites a stored value', () => {
  it('takes an unchanged TOASTed value from the before image (REPLICA IDENTITY FULL): still a whole put', () => {
    const before = rows.restaurant({ description: 'long text' });
    const after = rows.restaurant({ description: UNAVAILABLE, price_level: 3 });
    const [put] = of(transformChange(change('restaurants', 'u', { before, after })), 'put') as PutRowIntent[];
    expect(put?.item.description).to.equal('long text');
    expect(put?.item.price_level).to.equal(3);
  });

  it('without a usable before image, writes only the known columns as a patch of a live item', () => {
    const after = rows.user({ preferences: UNAVAILABLE, home_city: 'Köln' });
    const intents = transformChange(change('users', 'u', { before: null, after }));
    const [patch] = of(intents, 'patch') as PatchRowIntent[];
    expect(patch?.set).to.not.have.property('preferences');
    expect(patch?.set).to.deep.include({ home_city: 'Köln', display_name: 'Ada', _type: 'user' });
    expect(patch?.set).to.not.have.property('user_id');
    expect(Object.values(patch?.set ?? {})).to.not.include(UNAVAILABLE);
    expect(of(intents, 'put')).to.have.length(0);
  });

  it('leaves index keys alone when one of their columns is unavailable, recomputes them otherwise', () => {
    const noName = transformChange(change('restaurants', 'u', { before: null, after: rows.restaurant({ name: UNAVAILABLE, description: UNAVAILABLE }) }));
    expect(Object.keys((of(noName, 'patch')[0] as PatchRowIntent).set).filter((k) => k.startsWith('gsi'))).to.deep.equal([]);
    const withName = transformChange(change('restaurants', 'u', { before: null, after: rows.restaurant({ description: UNAVAILABLE }) }));
    expect((of(withName, 'patch')[0] as PatchRowIntent).set).to.include({ gsi3pk: 'CITY#Berlin' });
  });

  it('an unavailable text[] (one-element placeholder list) is treated the same way', () => {
    const after = rows.menuItem({ dietary_flags: UNAVAILABLE, price: '13.00' });
    const [patch] = of(transformChange(change('menu_items', 'u', { before: null, after })), 'patch') as PatchRowIntent[];
    expect(patch?.set).to.not.have.property('dietary_flags');
    expect(patch?.set.price).to.equal('13.00');
  });
});

describe('sink transform: copies', () => {
  it('a new review pulls its reviewer\'s name; an unchanged reviewer pulls nothing', () => {
    const created = transformChange(change('reviews', 'c', { after: rows.review() }));
    expect(of(created, 'pull-copy')).to.deep.equal([
      { kind: 'pull-copy', copy: 'reviewer', target: { pk: `REVIEW#${ids.review}`, sk: 'REVIEW' }, sourceId: ids.user },
    ] satisfies PullCopyIntent[]);
    const edited = transformChange(change('reviews', 'u', { before: rows.review(), after: rows.review({ body: 'Changed' }) }));
    expect(of(edited, 'pull-copy')).to.have.length(0);
  });

  it('a review that changes reviewer drops the old copy and pulls the new one', () => {
    const intents = transformChange(change('reviews', 'u', { before: rows.review(), after: rows.review({ user_id: ids.user2 }) }));
    expect((of(intents, 'put')[0] as PutRowIntent).resetCopies).to.deep.equal(['reviewer']);
    expect((of(intents, 'pull-copy')[0] as PullCopyIntent).sourceId).to.equal(ids.user2);
  });

  it('a new membership pulls both its restaurant\'s summary and its category', () => {
    const intents = transformChange(change('restaurant_categories', 'c', { after: rows.membership() }));
    expect(of(intents, 'pull-copy').map((p) => [p.copy, p.sourceId])).to.deep.equal([['restaurant_summary', ids.restaurant], ['category', ids.category]]);
  });

  it('a user rename pushes to their reviews; other user changes push nothing', () => {
    const renamed = transformChange(change('users', 'u', { before: rows.user(), after: rows.user({ display_name: 'Ada L.' }) }));
    expect(of(renamed, 'push-copy')).to.deep.equal([{
      kind: 'push-copy', copy: 'reviewer', sourceId: ids.user, version: (of(renamed, 'put')[0] as PutRowIntent).version,
      values: { display_name: 'Ada L.' }, changeUnknown: false,
    }]);
    expect(of(transformChange(change('users', 'u', { before: rows.user(), after: rows.user({ home_city: 'Rom' }) })), 'push-copy')).to.have.length(0);
  });

  it('without a before image (users has default replica identity) the push says the change is unknown', () => {
    const intents = transformChange(change('users', 'u', { before: null, after: rows.user() }));
    expect((of(intents, 'push-copy')[0] as PushCopyIntent).changeUnknown).to.equal(true);
  });

  it('a category change pushes kind, slug and name to its memberships; creations push too (dependents may be first)', () => {
    const intents = transformChange(change('categories', 'u', { before: null, after: rows.category({ slug: 'thai-street' }) }));
    expect((of(intents, 'push-copy')[0] as PushCopyIntent).values).to.deep.equal({ category_id: ids.category, kind: 'cuisine', slug: 'thai-street', name: 'Thai' });
    expect(of(transformChange(change('restaurants', 'c', { after: rows.restaurant() })), 'push-copy')).to.have.length(1);
  });

  it('a source delete pushes nothing (the foreign keys cascade: the dependents\' own deletes follow)', () => {
    expect(of(transformChange(change('users', 'd', { before: rows.user() })), 'push-copy')).to.have.length(0);
  });
});
