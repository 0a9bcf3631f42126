import { expect } from 'chai';
import type { Row } from '../../../../services/model/change-event.js';
import { isPoisonEventError } from '../../../../services/model/errors.js';
import { transformChange } from '../../../../services/model/transform/transform.js';
import type { DeleteRowIntent, PutRowIntent, WriteIntent } from '../../../../services/model/transform/intents.js';
import { change, ids, rows } from '../../sink/helpers.js';

const R = `RESTAURANT#${ids.restaurant}`;
const CASES: { table: string; row: () => Row; key: { pk: string; sk: string }; index: Record<string, string>; copies: string[] }[] = [
  { table: 'users', row: rows.user, key: { pk: `USER#${ids.user}`, sk: 'USER' }, index: {}, copies: [] },
  {
    table: 'restaurants', row: rows.restaurant, key: { pk: R, sk: 'RESTAURANT' },
    index: { gsi1pk: R, gsi1sk: '2RESTAURANT', gsi2sk: `Café Zürich\u0001${ids.restaurant}`, gsi3pk: 'CITY#Berlin', gsi3sk: `Café Zürich\u0001${ids.restaurant}` },
    copies: [],
  },
  { table: 'categories', row: rows.category, key: { pk: `CATEGORY#${ids.category}`, sk: 'CATEGORY' }, index: {}, copies: [] },
  {
    table: 'restaurant_categories', row: rows.membership, key: { pk: R, sk: `CATEGORY#${ids.category}` },
    index: { gsi1pk: R, gsi4pk: `CATEGORY#${ids.category}`, gsi4sk: `RESTAURANT#${ids.restaurant}` }, copies: ['restaurant_summary', 'category'],
  },
  {
    table: 'menu_items', row: rows.menuItem, key: { pk: `MENU_ITEM#${ids.item}`, sk: 'MENU_ITEM' },
    index: { gsi1pk: R, gsi1sk: `4MENU#0000000003#${ids.item}` }, copies: [],
  },
  {
    table: 'reviews', row: rows.review, key: { pk: `REVIEW#${ids.review}`, sk: 'REVIEW' },
    index: { gsi1pk: R, gsi1sk: `1REVIEW#2025-01-03T10:00:00.000000Z#${ids.review}`, gsi4pk: `USER#${ids.user}`, gsi4sk: `REVIEW#2025-01-03T10:00:00.000000Z#${ids.review}` },
    copies: ['reviewer'],
  },
  { table: 'rankings', row: rows.ranking, key: { pk: `USER#${ids.user}`, sk: `RANKING#${ids.ranking}` }, index: {}, copies: [] },
  { table: 'favorites', row: rows.favorite, key: { pk: `USER#${ids.user}`, sk: `FAVORITE#${ids.restaurant}` }, index: {}, copies: [] },
];

const rowIntents = (intents: WriteIntent[]) => intents.filter((i) => i.kind === 'put' || i.kind === 'patch' || i.kind === 'delete');

describe('sink transform: every table and op', () => {
  for (const c of CASES) {
    describe(c.table, () => {
      for (const op of ['c', 'r', 'u'] as const) {
        it(`op ${op} puts the whole row: key, index keys, every column, type and version`, () => {
          const event = change(c.table, op, { before: op === 'u' ? c.row() : null, after: c.row() }, { commit: 60, lsn: 200 });
          const [put] = rowIntents(transformChange(event)) as PutRowIntent[];
          expect(put?.kind).to.equal('put');
          expect(put?.key).to.deep.equal(c.key);
          expect(put?.version).to.equal(event.version);
          expect(put?.item).to.deep.include({ ...c.key, ...c.index, ...c.row(), _type: put?.entity, _v: event.version, _ts: event.sourceTsMs });
          expect(put?.copies).to.deep.equal(c.copies);
          expect(Object.keys(put?.item ?? {}).filter((k) => /^gsi/.test(k)).sort())
            .to.deep.equal(Object.keys(c.index).concat(c.table === 'restaurants' ? ['gsi2pk'] : []).sort());
        });
      }

      it('op d leaves a tombstone at the key: no data, no index keys, the delete\'s version, a TTL', () => {
        const event = change(c.table, 'd', { before: c.row() }, { commit: 70, lsn: 300 });
        const intents = transformChange(event);
        expect(intents).to.have.length(1);
        const del = intents[0] as DeleteRowIntent;
        expect(del.kind).to.equal('delete');
        expect(del.key).to.deep.equal(c.key);
        expect(del.tombstone).to.deep.equal({
          ...c.key, _type: del.entity, _v: event.version, _ts: event.sourceTsMs, _deleted: true,
          _ttl: Math.floor(event.sourceTsMs / 1000) + 8 * 24 * 3600,
        });
      });

      it('op t truncates the table at the event\'s version', () => {
        const event = change(c.table, 't', {}, { commit: 80, lsn: 400 });
        expect(transformChange(event)).to.deep.equal([
          { kind: 'truncate', table: c.table, entity: (transformChange(change(c.table, 'd', { before: c.row() }))[0] as DeleteRowIntent).entity, version: event.version, sourceTsMs: event.sourceTsMs },
        ]);
      });
    });
  }

  it('a restaurant listing entry is in one of the shards', () => {
    const [put] = transformChange(change('restaurants', 'c', { after: rows.restaurant() })) as PutRowIntent[];
    expect(put?.item.gsi2pk).to.match(/^RESTAURANTS#[0-7]$/);
  });

  it('sends unknown tables, reserved column names, float money and bad keys to the dead-letter topic', () => {
    const poison = (fn: () => unknown, code: string) => {
      try {
        fn();
        expect.fail('expected poison');
      } catch (err) {
        expect(isPoisonEventError(err, code as never), String(err)).to.equal(true);
      }
    };
    poison(() => transformChange(change('orders', 'c', { after: { id: 1 } })), 'UNMAPPABLE_EVENT');
    poison(() => transformChange(change('users', 'c', { after: rows.user({ _v: 'x' }) })), 'UNMAPPABLE_EVENT');
    poison(() => transformChange(change('users', 'c', { after: rows.user({ gsi1pk: 'x' }) })), 'UNMAPPABLE_EVENT');
    poison(() => transformChange(change('menu_items', 'c', { after: rows.menuItem({ price: 12.5 }) })), 'UNCONVERTIBLE_VALUE');
    poison(() => transformChange(change('reviews', 'c', { after: rows.review({ created_at: '2025-01-03 10:00' }) })), 'UNMAPPABLE_EVENT');
    poison(() => transformChange(change('restaurants', 'c', { after: rows.restaurant({ name: 'x'.repeat(1100) }) })), 'UNMAPPABLE_EVENT');
  });
});
