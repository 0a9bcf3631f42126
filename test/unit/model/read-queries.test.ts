import { expect } from 'chai';
import { keyCondition } from '../../../services/model/key-conditions.js';
import { menuItemIndexKeys, restaurantIndexKeys, reviewIndexKeys, membershipCategoryIndexKeys } from '../../../services/model/keys.js';
import { restaurantDetailQuery, restaurantMenuQuery, restaurantReviewsQuery } from '../../../services/model/read-queries.js';
import { inRange } from '../../../services/model/key-conditions.js';
import { ids } from '../sink/helpers.js';

describe('sink model: one Query per restaurant endpoint', () => {
  const restaurant = restaurantIndexKeys({ restaurant_id: ids.restaurant, name: 'A', city: 'B' }).gsi1sk as string;
  const review = reviewIndexKeys({ review_id: ids.review, restaurant_id: ids.restaurant, user_id: ids.user, created_at: '2025-01-01T00:00:00.000000Z' }).gsi1sk as string;
  const category = membershipCategoryIndexKeys({ category_id: ids.category, kind: 'feature', slug: 'terrace' }).gsi1sk as string;
  const menu = menuItemIndexKeys({ item_id: ids.item, restaurant_id: ids.restaurant, position: 0 }).gsi1sk as string;

  it('detail reads the restaurant and its categories only', () => {
    const q = restaurantDetailQuery(ids.restaurant);
    expect([review, restaurant, category, menu].map((k) => inRange(k, q.range))).to.deep.equal([false, true, true, false]);
    expect(keyCondition(q)).to.deep.equal({
      KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
      ExpressionAttributeNames: { '#pk': 'gsi1pk', '#sk': 'gsi1sk' },
      ExpressionAttributeValues: { ':pk': { S: `RESTAURANT#${ids.restaurant}` }, ':from': { S: '2RESTAURANT' }, ':to': { S: '3CATEGORY$' } },
    });
  });

  it('menu reads the restaurant, its categories and its menu', () => {
    const q = restaurantMenuQuery(ids.restaurant);
    expect([review, restaurant, category, menu].map((k) => inRange(k, q.range))).to.deep.equal([false, true, true, true]);
  });

  it('reviews read backwards from the restaurant: the restaurant first, then limit reviews', () => {
    const q = restaurantReviewsQuery(ids.restaurant, 50);
    expect([review, restaurant, category, menu].map((k) => inRange(k, q.range))).to.deep.equal([true, true, false, false]);
    expect(q.forward).to.equal(false);
    expect(q.limit).to.equal(51);
  });
});
