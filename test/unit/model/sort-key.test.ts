import { expect } from 'chai';
import { reviewIndexKeys, menuItemIndexKeys } from '../../../services/model/keys.js';
import { cityNameIdSortKey, justAfter, nameIdSortKey, SEPARATOR } from '../../../services/model/sort-key.js';
import { dynamoOrder, postgresListingOrder, prng, uuidFrom } from '../sink/helpers.js';

// Characters a name may hold: ASCII from space, DEL, Latin-1, CJK, the BMP's top (U+E000–U+FFFF,
// where UTF-16 order and UTF-8 order disagree with astral characters), and astral characters.
const ALPHABET = [' ', '!', '#', '-', '0', '9', 'A', 'Z', 'a', 'z', '~', '\u007f', 'é', 'ß', 'Ü', '東', '京', '\uE000', '\uFF01', '\uFFFD', '😀', '𝄞'];

function randomName(random: () => number): string {
  const length = 1 + Math.floor(random() * 5);
  return Array.from({ length }, () => ALPHABET[Math.floor(random() * ALPHABET.length)]).join('');
}

describe('sink model: sort keys sort like PostgreSQL (COLLATE "C")', () => {
  it('orders (name, id) exactly like PostgreSQL for random unicode names, prefixes and ties', () => {
    const random = prng(42);
    const rows: { name: string; id: string }[] = [];
    for (let i = 0; i < 3000; i++) {
      const name = randomName(random);
      rows.push({ name, id: uuidFrom(random) });
      if (i % 10 === 0) rows.push({ name: `${name}${randomName(random)}`, id: uuidFrom(random) }); // a name extending another
      if (i % 15 === 0) rows.push({ name, id: uuidFrom(random) }); // the same name, another id
    }
    const expected = [...rows].sort(postgresListingOrder).map((r) => r.id);
    const actual = [...rows].sort((a, b) => dynamoOrder(nameIdSortKey(a.name, a.id), nameIdSortKey(b.name, b.id))).map((r) => r.id);
    expect(actual).to.deep.equal(expected);
  });

  it('differs from JavaScript\'s UTF-16 order where PostgreSQL does (so byte order is really used)', () => {
    const a = nameIdSortKey('\uFF01', '00000000-0000-4000-a000-000000000000');
    const b = nameIdSortKey('😀', '00000000-0000-4000-a000-000000000000');
    expect(a < b).to.equal(false); // UTF-16 puts the surrogate pair first
    expect(dynamoOrder(a, b)).to.be.below(0); // bytes (and PostgreSQL) put U+FF01 first
  });

  it('a name sorts before its extensions, and the separator sorts below a space', () => {
    const id = '00000000-0000-4000-a000-000000000000';
    expect(dynamoOrder(nameIdSortKey('Ab', 'ffffffff-ffff-4fff-afff-ffffffffffff'), nameIdSortKey('Ab ', id))).to.be.below(0);
    expect(SEPARATOR < ' ').to.equal(true);
  });

  it('justAfter is above the key itself and below every greater key', () => {
    const random = prng(7);
    const keys = Array.from({ length: 500 }, () => nameIdSortKey(randomName(random), uuidFrom(random))).sort(dynamoOrder);
    for (let i = 0; i < keys.length - 1; i++) {
      const k = keys[i] as string;
      const next = keys[i + 1] as string;
      expect(dynamoOrder(justAfter(k), k)).to.be.above(0);
      if (next !== k) expect(dynamoOrder(justAfter(k), next)).to.be.below(0);
    }
  });

  it('groups by city first for (city, name, id)', () => {
    const id = '00000000-0000-4000-a000-000000000000';
    const keys = [cityNameIdSortKey('Paris2', 'A', id), cityNameIdSortKey('Paris', 'Z', id), cityNameIdSortKey('Paris', 'A', id)].sort(dynamoOrder);
    expect(keys.map((k) => k.split(SEPARATOR)[0])).to.deep.equal(['Paris', 'Paris', 'Paris2']);
  });

  it('refuses names with control characters and ids that are not lowercase uuids', () => {
    expect(() => nameIdSortKey('a\u0001b', '00000000-0000-4000-a000-000000000000')).to.throw(RangeError);
    expect(() => nameIdSortKey('', '00000000-0000-4000-a000-000000000000')).to.throw(RangeError);
    expect(() => nameIdSortKey('a', '00000000-0000-4000-A000-000000000000')).to.throw(RangeError);
  });

  it('orders reviews newest first by (created_at DESC, review_id DESC) when read backwards', () => {
    const random = prng(3);
    const reviews = Array.from({ length: 400 }, (_, i) => ({
      review_id: uuidFrom(random), restaurant_id: '0a6f4a2e-5b1c-4c3d-8e9f-000000000001', user_id: uuidFrom(random),
      // Few distinct times, so ties on created_at are common.
      created_at: `${1965 + (i % 7) * 10}-0${1 + (i % 9)}-01T00:00:00.${String(i % 3).padStart(6, '0')}Z`,
    }));
    const expected = [...reviews].sort((a, b) => (a.created_at === b.created_at ? (a.review_id < b.review_id ? 1 : -1) : a.created_at < b.created_at ? 1 : -1)).map((r) => r.review_id);
    const actual = [...reviews].sort((a, b) => -dynamoOrder(reviewIndexKeys(a).gsi1sk as string, reviewIndexKeys(b).gsi1sk as string)).map((r) => r.review_id);
    expect(actual).to.deep.equal(expected);
  });

  it('orders menu items by (position, item_id)', () => {
    const random = prng(5);
    const items = Array.from({ length: 300 }, (_, i) => ({ item_id: uuidFrom(random), restaurant_id: '0a6f4a2e-5b1c-4c3d-8e9f-000000000001', position: [0, 1, 9, 10, 99, 100, 2_147_483_647][i % 7] as number }));
    const expected = [...items].sort((a, b) => a.position - b.position || (a.item_id < b.item_id ? -1 : 1)).map((r) => r.item_id);
    const actual = [...items].sort((a, b) => dynamoOrder(menuItemIndexKeys(a).gsi1sk as string, menuItemIndexKeys(b).gsi1sk as string)).map((r) => r.item_id);
    expect(actual).to.deep.equal(expected);
    expect(() => menuItemIndexKeys({ item_id: items[0]?.item_id, restaurant_id: items[0]?.restaurant_id, position: -1 })).to.throw(RangeError);
  });
});
