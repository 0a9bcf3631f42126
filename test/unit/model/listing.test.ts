/**
 * The listing plan against an in-memory DynamoDB Query (partition, key range, byte order,
 * limit), paged through whole result sets for every filter combination and compared with the
 * PostgreSQL listing query's semantics.
 */
import { expect } from 'chai';
import { GSI } from '../../../services/model/attributes.js';
import { COPIES } from '../../../services/model/copies.js';
import { inRange, type KeyQuery } from '../../../services/model/key-conditions.js';
import { membershipCategoryIndexKeys, restaurantIndexKeys } from '../../../services/model/keys.js';
import { LISTING_SHARDS, listingShardOf } from '../../../services/model/listing-shards.js';
import { listingPlan } from '../../../services/model/read-queries.js';
import { dynamoOrder, postgresListingOrder, prng, uuidFrom } from '../sink/helpers.js';

interface Restaurant { id: string; name: string; city: string; cuisines: string[] }
type IndexItem = Record<string, string>;

function build(count: number, seed: number): { restaurants: Restaurant[]; index: IndexItem[] } {
  const random = prng(seed);
  const names = ['Ab', 'Ab ', 'Abc', 'Äpfel', 'Zeit', 'zeit', '東京', 'Ｔｏｋｙｏ', '😀 Diner', 'Le Café', 'Le Café', 'ß', '\u007fX'];
  const cities = ['Berlin', 'Paris', 'Paris 2', 'São Paulo', '東京'];
  const restaurants = Array.from({ length: count }, () => ({
    id: uuidFrom(random),
    name: `${names[Math.floor(random() * names.length)]}${random() < 0.3 ? ` ${Math.floor(random() * 5)}` : ''}`,
    city: cities[Math.floor(random() * cities.length)] as string,
    cuisines: ['thai', 'italian', 'vegan-fusion'].filter(() => random() < 0.4),
  }));
  const index: IndexItem[] = [];
  for (const r of restaurants) {
    index.push({ ...(restaurantIndexKeys({ restaurant_id: r.id, name: r.name, city: r.city }) as IndexItem), id: r.id });
    for (const slug of r.cuisines) {
      const category = COPIES.category.write({ category_id: '2c8f6c40-7d3e-4e5f-a0b1-000000000001', kind: 'cuisine', slug, name: slug });
      const summary = COPIES.restaurant_summary.write({ restaurant_id: r.id, name: r.name, city: r.city });
      index.push({ ...(category.set as IndexItem), ...(summary.set as IndexItem), id: r.id });
    }
  }
  return { restaurants, index };
}

function query(index: IndexItem[], q: KeyQuery): IndexItem[] {
  const pkName = q.pkAttribute;
  const skName = q.skAttribute;
  return index
    .filter((item) => item[pkName] === q.partition && item[skName] !== undefined && inRange(item[skName] as string, q.range))
    .sort((a, b) => dynamoOrder(a[skName] as string, b[skName] as string))
    .slice(0, q.limit);
}

function page(index: IndexItem[], request: Parameters<typeof listingPlan>[0]): IndexItem[] {
  const plan = listingPlan(request);
  const results = plan.queries.map((q) => query(index, q));
  if (!plan.merge) return results[0] ?? [];
  const sk = plan.queries[0]?.skAttribute as string;
  return results.flat().sort((a, b) => dynamoOrder(a[sk] as string, b[sk] as string)).slice(0, request.fetch);
}

describe('sink model: listing restaurants from DynamoDB equals the PostgreSQL listing', function () {
  this.timeout(30_000);
  const { restaurants, index } = build(300, 11);
  const byId = new Map(restaurants.map((r) => [r.id, r]));

  for (const [city, cuisine] of [[undefined, undefined], ['Paris', undefined], [undefined, 'thai'], ['Paris', 'thai'], ['東京', 'vegan-fusion'], ['Nowhere', undefined]] as const) {
    for (const limit of [1, 7, 100]) {
      it(`pages through city=${city ?? '-'} cuisine=${cuisine ?? '-'} limit=${limit} in PostgreSQL's order`, () => {
        const expected = restaurants
          .filter((r) => (city === undefined || r.city === city) && (cuisine === undefined || r.cuisines.includes(cuisine)))
          .sort(postgresListingOrder).map((r) => r.id);
        const seen: string[] = [];
        let after: { name: string; id: string } | undefined;
        for (let pages = 0; pages < 1000; pages++) {
          const items = page(index, { city, cuisine, fetch: limit + 1, after });
          const shown = items.slice(0, limit).map((i) => i.id as string);
          seen.push(...shown);
          if (items.length <= limit) break;
          const last = byId.get(shown[shown.length - 1] as string) as Restaurant;
          after = { name: last.name, id: last.id };
        }
        expect(seen).to.deep.equal(expected);
      });
    }
  }

  it('spreads restaurants over every listing shard', () => {
    const counts = new Array(LISTING_SHARDS).fill(0);
    for (const r of restaurants) counts[listingShardOf(r.id)]++;
    expect(Math.min(...counts)).to.be.above(restaurants.length / LISTING_SHARDS / 2);
  });

  it('queries each shard for at most fetch items, and one partition when filtered', () => {
    const all = listingPlan({ city: undefined, cuisine: undefined, fetch: 21, after: undefined });
    expect(all.queries).to.have.length(LISTING_SHARDS);
    expect(all.queries.every((q) => q.limit === 21 && q.indexName === GSI.byName.name)).to.equal(true);
    expect(listingPlan({ city: 'Paris', cuisine: 'thai', fetch: 21, after: undefined }).queries).to.have.length(1);
  });

  it('a category that stops being a cuisine leaves the cuisine listings', () => {
    const keys = membershipCategoryIndexKeys({ category_id: '2c8f6c40-7d3e-4e5f-a0b1-000000000001', kind: 'dietary', slug: 'vegan' });
    expect(keys.gsi2pk).to.equal(null);
    expect(keys.gsi3pk).to.equal(null);
    expect(keys.gsi1sk).to.equal('3CATEGORY#dietary#vegan#2c8f6c40-7d3e-4e5f-a0b1-000000000001');
  });
});
