/** The reconciler's pure core: one key compared, changes newer than the snapshot excused, fingerprints for settling. */
import { expect } from 'chai';
import { expectedItem, type ItemValues } from '../../../services/model/checker/expected-items.js';
import { toItem } from '../../../services/model/marshall.js';
import { formatVersion, SNAPSHOT_CLASS, STREAM_CLASS } from '../../../services/model/version.js';
import { compareKey, readStored } from '../../../services/reconcile/compare.js';
import { isAheadOf, withoutInFlight } from '../../../services/reconcile/in-flight.js';
import { fingerprint, tablesConcerned } from '../../../services/reconcile/settle.js';
import { rowKeyOf } from '../../../services/reconcile/item-keys.js';
import { TABLE_MAPPINGS } from '../../../services/model/transform/table-mappings.js';
import { ids, rows } from '../sink/helpers.js';

const SNAPSHOT = 0x5000n;
const old = formatVersion(STREAM_CLASS, 0x3000n, 0x3100n);
const newer = formatVersion(STREAM_CLASS, 0x5000n, 0x5100n);

function review(): ItemValues {
  return expectedItem('reviews', rows.review(), () => rows.user()).item;
}

function stored(values: ItemValues) {
  return readStored(toItem(values))!;
}

describe('reconcile: comparing one key', () => {
  it('finds nothing when the stored item equals the expected one apart from bookkeeping', () => {
    const expected = review();
    expect(compareKey('reviews', 'p', 's', expected, stored({ ...expected, _v: old, _ts: 1, _cv_reviewer: old }))).to.equal(undefined);
  });

  it('names the attributes that differ, including one DynamoDB holds beyond the row', () => {
    const expected = review();
    const d = compareKey('reviews', 'p', 's', expected, stored({ ...expected, rating: 1, junk: 'x', _v: old }))!;
    expect(d.kind).to.equal('different');
    expect(d.attributes.map((a) => a.attribute)).to.deep.equal(['junk', 'rating']);
    expect(d.stored?.version).to.equal(old);
  });

  it('treats a tombstone as no item: missing when the row exists, nothing when it does not', () => {
    const tomb = stored({ pk: 'p', sk: 's', _type: 'review', _v: old, _deleted: true });
    expect(compareKey('reviews', 'p', 's', review(), tomb)?.kind).to.equal('missing');
    expect(compareKey('reviews', 'p', 's', undefined, tomb)).to.equal(undefined);
    expect(compareKey('reviews', 'p', 's', review(), undefined)?.kind).to.equal('missing');
    expect(compareKey('reviews', 'p', 's', undefined, stored({ pk: 'p', sk: 's' }))?.kind).to.equal('extra');
  });
});

describe('reconcile: changes newer than the snapshot', () => {
  it('takes a version as newer when its commit position or change LSN is at or past the snapshot LSN', () => {
    expect(isAheadOf(old, SNAPSHOT)).to.equal(false);
    expect(isAheadOf(newer, SNAPSHOT)).to.equal(true);
    expect(isAheadOf(formatVersion(STREAM_CLASS, 0x4000n, 0x5000n), SNAPSHOT)).to.equal(true);
    expect(isAheadOf(formatVersion(SNAPSHOT_CLASS, 0n, 0x6000n), SNAPSHOT)).to.equal(true);
    expect(isAheadOf(undefined, SNAPSHOT)).to.equal(false);
    expect(isAheadOf('garbage', SNAPSHOT)).to.equal(false);
  });

  it('excuses an extra or a different item whose row version is newer, and a tombstone newer than the row', () => {
    const expected = review();
    const newerItem = stored({ ...expected, rating: 1, _v: newer });
    expect(withoutInFlight(compareKey('reviews', 'p', 's', expected, newerItem)!, SNAPSHOT)).to.equal(undefined);
    expect(withoutInFlight(compareKey('reviews', 'p', 's', undefined, stored({ ...expected, _v: newer }))!, SNAPSHOT)).to.equal(undefined);
    const deletedSince = stored({ pk: 'p', sk: 's', _type: 'review', _v: newer, _deleted: true });
    expect(withoutInFlight(compareKey('reviews', 'p', 's', expected, deletedSince)!, SNAPSHOT)).to.equal(undefined);
    const oldItem = stored({ ...expected, rating: 1, _v: old });
    expect(withoutInFlight(compareKey('reviews', 'p', 's', expected, oldItem)!, SNAPSHOT)?.attributes.map((a) => a.attribute)).to.deep.equal(['rating']);
  });

  it('excuses a copied attribute only by its own copy version', () => {
    const expected = review();
    const renamedSince = stored({ ...expected, reviewer_display_name: 'Ada L.', rating: 1, _v: old, _cv_reviewer: newer });
    const left = withoutInFlight(compareKey('reviews', 'p', 's', expected, renamedSince)!, SNAPSHOT)!;
    expect(left.attributes.map((a) => a.attribute)).to.deep.equal(['rating']);
    const staleCopy = stored({ ...expected, reviewer_display_name: 'Ada L.', _v: old, _cv_reviewer: old });
    expect(withoutInFlight(compareKey('reviews', 'p', 's', expected, staleCopy)!, SNAPSHOT)?.attributes.map((a) => a.attribute)).to.deep.equal(['reviewer_display_name']);
  });

  it('fingerprints a difference by kind, stored versions and attribute names, so a moved item goes round again', () => {
    const expected = review();
    const a = compareKey('reviews', 'p', 's', expected, stored({ ...expected, rating: 1, _v: old }))!;
    const same = compareKey('reviews', 'p', 's', expected, stored({ ...expected, rating: 2, _v: old }))!;
    const moved = compareKey('reviews', 'p', 's', expected, stored({ ...expected, rating: 1, _v: formatVersion(STREAM_CLASS, 0x3000n, 0x3200n) }))!;
    expect(fingerprint(a)).to.equal(fingerprint(same));
    expect(fingerprint(a)).not.to.equal(fingerprint(moved));
    expect([...tablesConcerned([a])].sort()).to.deep.equal(['reviews', 'users']);
  });
});

describe('reconcile: item keys back to rows', () => {
  it('parses every table\'s key into its primary-key values, and round-trips through the model', () => {
    const samples: Record<string, Record<string, string>> = {
      users: { user_id: ids.user }, restaurants: { restaurant_id: ids.restaurant }, categories: { category_id: ids.category },
      restaurant_categories: { restaurant_id: ids.restaurant, category_id: ids.category }, menu_items: { item_id: ids.item },
      reviews: { review_id: ids.review }, rankings: { user_id: ids.user, ranking_id: ids.ranking },
      favorites: { user_id: ids.user, restaurant_id: ids.restaurant },
    };
    for (const [table, values] of Object.entries(samples)) {
      const mapping = TABLE_MAPPINGS[table]!;
      const key = mapping.key(values);
      expect(rowKeyOf(key.pk, key.sk), table).to.deep.equal({ table, values: mapping.primaryKey.map((c) => values[c]) });
    }
    expect(rowKeyOf('REVIEW#not-a-uuid', 'REVIEW')).to.equal(undefined);
    expect(rowKeyOf(`REVIEW#${ids.review.toUpperCase()}`, 'REVIEW')).to.equal(undefined);
    expect(rowKeyOf('GARBAGE', 'X')).to.equal(undefined);
  });
});
