import { expect } from 'chai';
import { UNAVAILABLE } from '../../../../services/model/change-event.js';
import { coalesce } from '../../../../services/sink/transform/coalesce.js';
import { transformChange } from '../../../../services/model/transform/transform.js';
import type { PatchRowIntent, PushCopyIntent, PutRowIntent, WriteIntent } from '../../../../services/model/transform/intents.js';
import { change, ids, rows } from '../helpers.js';

const t = (...events: Parameters<typeof change>[]) => events.flatMap((e) => transformChange(change(...e)));

describe('sink transform: coalescing a batch', () => {
  it('keeps one write per item: the newest', () => {
    const out = coalesce(t(
      ['menu_items', 'c', { after: rows.menuItem() }, { commit: 1, lsn: 10 }],
      ['menu_items', 'u', { before: rows.menuItem(), after: rows.menuItem({ price: '13.00' }) }, { commit: 2, lsn: 20 }],
      ['menu_items', 'u', { before: rows.menuItem(), after: rows.menuItem({ price: '14.00' }) }, { commit: 3, lsn: 30 }],
    ));
    expect(out).to.have.length(1);
    expect((out[0] as PutRowIntent).item.price).to.equal('14.00');
    expect((out[0] as PutRowIntent).version).to.equal('1.0000000000000003.000000000000001e');
  });

  it('orders by version, not by arrival (a replay mixed into a batch)', () => {
    const out = coalesce(t(
      ['menu_items', 'u', { before: rows.menuItem(), after: rows.menuItem({ price: '14.00' }) }, { commit: 3, lsn: 30 }],
      ['menu_items', 'u', { before: rows.menuItem(), after: rows.menuItem({ price: '13.00' }) }, { commit: 2, lsn: 20 }],
    ));
    expect((out[0] as PutRowIntent).item.price).to.equal('14.00');
  });

  it('folds a patch into an earlier put, keeping what the patch lacks', () => {
    const out = coalesce(t(
      ['users', 'c', { after: rows.user({ preferences: { big: true } }) }, { commit: 1, lsn: 10 }],
      ['users', 'u', { before: null, after: rows.user({ preferences: UNAVAILABLE, home_city: 'Rom' }) }, { commit: 2, lsn: 20 }],
    )).filter((i) => i.kind !== 'push-copy');
    expect(out).to.have.length(1);
    const put = out[0] as PutRowIntent;
    expect(put.kind).to.equal('put');
    expect(put.item).to.deep.include({ preferences: { big: true }, home_city: 'Rom' });
    expect(put.version).to.equal('1.0000000000000002.0000000000000014');
  });

  it('merges patches, later values winning', () => {
    const out = coalesce(t(
      ['users', 'u', { before: null, after: rows.user({ preferences: UNAVAILABLE, home_city: 'A' }) }, { commit: 1, lsn: 10 }],
      ['users', 'u', { before: null, after: rows.user({ preferences: UNAVAILABLE, home_city: 'B' }) }, { commit: 2, lsn: 20 }],
    ));
    const [patch] = out.filter((i) => i.kind === 'patch') as PatchRowIntent[];
    expect(patch?.set.home_city).to.equal('B');
    expect(out.filter((i) => i.kind === 'push-copy')).to.have.length(1);
  });

  it('a delete after a put wins; a put after a delete (re-insert) wins', () => {
    const deleted = coalesce(t(
      ['reviews', 'c', { after: rows.review() }, { commit: 1, lsn: 10 }],
      ['reviews', 'd', { before: rows.review() }, { commit: 2, lsn: 20 }],
    ));
    expect(deleted.filter((i) => i.kind !== 'pull-copy').map((i) => i.kind)).to.deep.equal(['delete']);
    const reinserted = coalesce(t(
      ['reviews', 'd', { before: rows.review() }, { commit: 1, lsn: 10 }],
      ['reviews', 'c', { after: rows.review({ body: 'again' }) }, { commit: 2, lsn: 20 }],
    ));
    expect(reinserted.map((i) => i.kind)).to.deep.equal(['put', 'pull-copy']);
  });

  it('a patch never applies over a delete', () => {
    const out = coalesce(t(
      ['users', 'd', { before: rows.user() }, { commit: 1, lsn: 10 }],
      ['users', 'u', { before: null, after: rows.user({ preferences: UNAVAILABLE }) }, { commit: 2, lsn: 20 }],
    ));
    expect(out.filter((i) => i.kind !== 'push-copy').map((i) => i.kind)).to.deep.equal(['delete']);
  });

  it('a key move then another change: one put at the row\'s key, with the last index keys', () => {
    const out = coalesce(t(
      ['reviews', 'u', { before: rows.review(), after: rows.review({ created_at: '2025-02-01T00:00:00.000000Z' }) }, { commit: 1, lsn: 10 }],
      ['reviews', 'u', { before: rows.review({ created_at: '2025-02-01T00:00:00.000000Z' }), after: rows.review({ created_at: '2025-03-01T00:00:00.000000Z' }) }, { commit: 2, lsn: 20 }],
    ));
    expect(out).to.have.length(1);
    expect((out[0] as PutRowIntent).item.gsi1sk).to.equal(`1REVIEW#2025-03-01T00:00:00.000000Z#${ids.review}`);
  });

  it('keeps a copy reset from an earlier change and its pull', () => {
    const out = coalesce(t(
      ['reviews', 'u', { before: rows.review(), after: rows.review({ user_id: ids.user2 }) }, { commit: 1, lsn: 10 }],
      ['reviews', 'u', { before: rows.review({ user_id: ids.user2 }), after: rows.review({ user_id: ids.user2, body: 'x' }) }, { commit: 2, lsn: 20 }],
    ));
    expect((out[0] as PutRowIntent).resetCopies).to.deep.equal(['reviewer']);
    expect(out.filter((i) => i.kind === 'pull-copy')).to.have.length(1);
  });

  it('keeps the newest push per source, refreshing unless every push was a "maybe"', () => {
    const out = coalesce(t(
      ['users', 'u', { before: rows.user(), after: rows.user({ display_name: 'B' }) }, { commit: 1, lsn: 10 }],
      ['users', 'u', { before: null, after: rows.user({ display_name: 'C' }) }, { commit: 2, lsn: 20 }],
    ));
    const pushes = out.filter((i) => i.kind === 'push-copy') as PushCopyIntent[];
    expect(pushes).to.have.length(1);
    expect(pushes[0]?.values).to.deep.equal({ display_name: 'C' });
    expect(pushes[0]?.changeUnknown).to.equal(false);
  });

  it('a truncate drops the table\'s older intents, keeps newer ones and other tables, and comes first', () => {
    const out = coalesce(t(
      ['favorites', 'c', { after: rows.favorite() }, { commit: 1, lsn: 10 }],
      ['rankings', 'c', { after: rows.ranking() }, { commit: 1, lsn: 11 }],
      ['favorites', 't', {}, { commit: 2, lsn: 20 }],
      ['favorites', 'c', { after: rows.favorite({ restaurant_id: ids.restaurant2 }) }, { commit: 3, lsn: 30 }],
    ));
    expect(out.map((i: WriteIntent) => [i.kind, 'key' in i ? i.key.sk : i.kind === 'truncate' ? i.table : ''])).to.deep.equal([
      ['truncate', 'favorites'], ['put', `RANKING#${ids.ranking}`], ['put', `FAVORITE#${ids.restaurant2}`],
    ]);
  });

  it('orders the output in the writer\'s phases: rows before copies', () => {
    const out = coalesce(t(['users', 'u', { before: rows.user(), after: rows.user({ display_name: 'Z' }) }], ['reviews', 'c', { after: rows.review() }]));
    expect(out.map((i) => i.kind)).to.deep.equal(['put', 'put', 'pull-copy', 'push-copy']);
  });
});
