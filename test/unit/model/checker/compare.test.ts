/** The checker's comparison on plain items: it must find every kind of difference, and ignore only bookkeeping. */
import { expect } from 'chai';
import { IntegerText } from '../../../../services/model/change-event.js';
import { compareItems } from '../../../../services/model/checker/compare.js';
import { expectedItems, itemId, type ItemValues } from '../../../../services/model/checker/expected-items.js';
import { ids, rows } from '../../sink/helpers.js';

const seedRows = () => ({
  users: [rows.user()], restaurants: [rows.restaurant()], categories: [rows.category()], restaurant_categories: [rows.membership()],
  menu_items: [rows.menuItem()], reviews: [rows.review()], rankings: [rows.ranking()], favorites: [rows.favorite()],
});

describe('sink checker: expected items and comparison', () => {
  it('derives one item per row, with copies filled from their sources', () => {
    const items = expectedItems(seedRows());
    expect(items.size).to.equal(8);
    const review = items.get(itemId(`REVIEW#${ids.review}`, 'REVIEW'))!;
    expect(review.reviewer_display_name).to.equal('Ada');
    const membership = items.get(itemId(`RESTAURANT#${ids.restaurant}`, `CATEGORY#${ids.category}`))!;
    expect(membership.gsi2pk).to.equal('CUISINE#thai');
    expect(membership.name).to.equal('Café Zürich');
  });

  it('reports missing, extra and different items, ignoring _v, _ts and copy versions', () => {
    const expected = expectedItems(seedRows());
    const actual = new Map<string, ItemValues>([...expected].map(([k, v]) => [k, { ...v, _v: '1.x', _ts: 1, _cv_reviewer: '1.y' }]));
    expect(compareItems(expected, actual).equal).to.equal(true);

    const reviewId = itemId(`REVIEW#${ids.review}`, 'REVIEW');
    actual.set(reviewId, { ...actual.get(reviewId)!, reviewer_display_name: 'Stale' });
    const userId = itemId(`USER#${ids.user}`, 'USER');
    actual.delete(userId);
    actual.set(itemId('REVIEW#orphan', 'REVIEW'), { pk: 'REVIEW#orphan', sk: 'REVIEW', _type: 'review' });
    const report = compareItems(expected, actual);
    expect(report.equal).to.equal(false);
    expect(report.missing.map((m) => m.pk)).to.deep.equal([`USER#${ids.user}`]);
    expect(report.extra.map((m) => m.pk)).to.deep.equal(['REVIEW#orphan']);
    expect(report.different).to.deep.equal([{ pk: `REVIEW#${ids.review}`, sk: 'REVIEW', attributes: [{ attribute: 'reviewer_display_name', expected: 'Ada', actual: 'Stale' }] }]);
  });

  it('compares numbers by value and decimals as text (12.50 is not 12.5)', () => {
    const base = { pk: 'A', sk: 'B' };
    const same = compareItems(new Map([['x', { ...base, n: 5, big: new IntegerText('9007199254740993') }]]), new Map([['x', { ...base, n: 5.0, big: new IntegerText('9007199254740993') }]]));
    expect(same.equal).to.equal(true);
    const scale = compareItems(new Map([['x', { ...base, price: '12.50' }]]), new Map([['x', { ...base, price: '12.5' }]]));
    expect(scale.equal).to.equal(false);
    const big = compareItems(new Map([['x', { ...base, big: new IntegerText('9007199254740993') }]]), new Map([['x', { ...base, big: new IntegerText('9007199254740992') }]]));
    expect(big.equal).to.equal(false);
  });
});
