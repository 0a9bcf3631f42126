/**
 * Debezium on the running platform (bellyfed local up): changes made in PostgreSQL arrive in
 * `<prefix>.public.<table>` as Avro in the Confluent wire format and decode through the registry
 * with @kafkajs/confluent-schema-registry. One isolated source per run (test/helpers/cdc.ts);
 * each test touches only its own rows and reads only their events.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { debeziumRegistry, decodeChange, startCdcSource, type CdcSource, type DecodedChange } from '../../helpers/cdc.js';
import { collectMessages, registryUrl, subjectVersion, subjectVersions, waitForTopics, type CollectedMessage } from '../../helpers/kafka.js';
import { requirePlatform } from '../../helpers/platform-env.js';

const CONNECT_URL = process.env.CONNECT_URL;

describe('Debezium change events through Kafka and the registry', function () {
  this.timeout(180_000);
  let source: CdcSource;
  let registry: SchemaRegistry;

  before(async function () {
    requirePlatform('CONNECT_URL');
    source = await startCdcSource();
    registry = debeziumRegistry(registryUrl());
  });

  after(async () => {
    await source?.stop();
  });

  async function insertRestaurant(id: string, name: string): Promise<void> {
    await source.db.pool.query(
      `INSERT INTO restaurants (restaurant_id, name, city, address_line, country_code, price_level)
       VALUES ($1, $2, 'Lisbon', 'Rua Augusta 1', 'PT', 2)`,
      [id, name],
    );
  }

  /**
   * The events of the rows whose key column is one of `ids`, in offset order (a row's events share
   * a key, hence a partition), once `done` holds for them.
   */
  async function eventsOf(
    table: string,
    keyColumn: string,
    ids: readonly string[],
    done: (events: DecodedChange[]) => boolean,
  ): Promise<DecodedChange[]> {
    const topic = source.topic(table);
    await waitForTopics([topic]);
    const collector = await collectMessages([topic]);
    const decoded = new Map<CollectedMessage, DecodedChange>();
    const mine = async (messages: readonly CollectedMessage[]) => {
      for (const message of messages) if (!decoded.has(message)) decoded.set(message, await decodeChange(registry, message));
      return [...decoded.values()]
        .filter((event) => ids.includes(String(event.key[keyColumn])))
        .sort((a, b) => Number(BigInt(a.message.offset) - BigInt(b.message.offset)));
    };
    try {
      await collector.until(async (messages) => done(await mine(messages)), `the events of ${ids.join(', ')} in ${topic}`);
      return await mine(collector.messages);
    } finally {
      await collector.stop();
    }
  }

  it('an insert, an update and a delete arrive in order, in the wire format, with before/after/op/source.lsn', async () => {
    const id = randomUUID();
    await insertRestaurant(id, 'Tasca Inserted');
    await source.db.pool.query('UPDATE restaurants SET name = $2 WHERE restaurant_id = $1', [id, 'Tasca Updated']);
    await source.db.pool.query('DELETE FROM restaurants WHERE restaurant_id = $1', [id]);

    const events = await eventsOf('restaurants', 'restaurant_id', [id], (e) => e.some((x) => x.value?.op === 'd'));
    const changes = events.filter((e) => e.value !== null);
    expect(changes.map((e) => e.value!.op)).to.deep.equal(['c', 'u', 'd']);

    for (const { message, valueSchemaId, value } of changes) {
      expect(message.value![0], 'magic byte').to.equal(0);
      expect(message.value!.readInt32BE(1), '4-byte schema id').to.equal(valueSchemaId);
      expect(value!.source.table).to.equal('restaurants');
      expect(BigInt(value!.source.lsn ?? 0) > 0n, 'source.lsn').to.equal(true);
    }
    const [created, updated, deleted] = changes.map((e) => e.value!);
    expect(created!.before).to.equal(null);
    expect(created!.after).to.include({ restaurant_id: id, name: 'Tasca Inserted', city: 'Lisbon', price_level: 2 });
    // REPLICA IDENTITY FULL (schemas/sql/0003): updates and deletes carry the whole old row.
    expect(updated!.before).to.include({ restaurant_id: id, name: 'Tasca Inserted' });
    expect(updated!.after).to.include({ restaurant_id: id, name: 'Tasca Updated' });
    expect(deleted!.before).to.include({ restaurant_id: id, name: 'Tasca Updated' });
    expect(deleted!.after).to.equal(null);
    // LSNs grow with the commit order.
    const lsns = changes.map((e) => BigInt(e.value!.source.lsn!));
    expect([...lsns].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).to.deep.equal(lsns);
  });

  it('a delete is followed by a tombstone exactly when the connector file asks for one (tombstones.on.delete)', async () => {
    const id = randomUUID();
    await insertRestaurant(id, 'Tasca Deleted');
    await source.db.pool.query('DELETE FROM restaurants WHERE restaurant_id = $1', [id]);
    // A later event on the same key bounds the wait: whatever sits between the delete and it is all there is.
    await insertRestaurant(id, 'Tasca Back');

    const events = await eventsOf('restaurants', 'restaurant_id', [id], (e) => e.filter((x) => x.value?.op === 'c').length === 2);
    const shape = events.map((e) => (e.value === null ? 'tombstone' : e.value.op));
    // Debezium's default is true; the committed file may turn it off (the sink acts on op=d alone).
    const tombstones = source.config['tombstones.on.delete'] !== 'false';
    expect(shape).to.deep.equal(tombstones ? ['c', 'd', 'tombstone', 'c'] : ['c', 'd', 'c']);
    for (const tombstone of events.filter((e) => e.value === null)) {
      expect(tombstone.key).to.deep.equal({ restaurant_id: id });
      expect(tombstone.message.value).to.equal(null);
    }
  });

  it('a numeric price arrives exact (decimal.handling.mode)', async () => {
    const restaurantId = randomUUID();
    const itemId = randomUUID();
    await insertRestaurant(restaurantId, 'Tasca Priced');
    // 17 significant digits would not survive a double; numeric(10,2) allows 10, so probe its edges.
    await source.db.pool.query(
      `INSERT INTO menu_items (item_id, restaurant_id, section, position, name, price, currency)
       VALUES ($1, $2, 'Mains', 0, 'Bacalhau', 12345678.91, 'EUR')`,
      [itemId, restaurantId],
    );
    await source.db.pool.query('UPDATE menu_items SET price = 0.10 WHERE item_id = $1', [itemId]);

    const events = await eventsOf('menu_items', 'item_id', [itemId], (e) => e.some((x) => x.value?.op === 'u'));
    const [created, updated] = events.map((e) => e.value!);
    expect(source.config['decimal.handling.mode']).to.equal('string');
    expect(created!.after).to.include({ item_id: itemId, restaurant_id: restaurantId, price: '12345678.91', currency: 'EUR' });
    expect(updated!.before).to.include({ price: '12345678.91' });
    expect(updated!.after).to.include({ price: '0.10' });
  });

  it('a column added with ALTER TABLE yields a new schema version, and its events decode with the column', async () => {
    const id = randomUUID();
    const column = `tagline_${id.slice(0, 8)}`;
    const subject = `${source.topic('restaurants')}-value`;
    await insertRestaurant(id, 'Tasca Before');
    const [before] = await eventsOf('restaurants', 'restaurant_id', [id], (e) => e.length === 1);
    const versionsBefore = await subjectVersions(subject);

    await source.db.pool.query(`ALTER TABLE restaurants ADD COLUMN ${column} text`);
    await source.db.pool.query(`UPDATE restaurants SET name = 'Tasca After', ${column} = 'grilled fish' WHERE restaurant_id = $1`, [id]);

    const events = await eventsOf('restaurants', 'restaurant_id', [id], (e) => e.some((x) => x.value?.op === 'u'));
    const after = events.find((e) => e.value?.op === 'u')!;
    expect(before!.value!.after).to.not.have.property(column);
    expect(after.value!.after).to.include({ restaurant_id: id, name: 'Tasca After', [column]: 'grilled fish' });
    expect(after.value!.before).to.include({ name: 'Tasca Before', [column]: null });
    expect(after.valueSchemaId).to.not.equal(before!.valueSchemaId);

    const versionsAfter = await subjectVersions(subject);
    expect(versionsAfter.length).to.equal(versionsBefore.length + 1);
    // The registry's latest version is the schema the new events name (ccompat ids are content ids).
    const latest = await subjectVersion(subject, 'latest');
    expect(latest.id).to.equal(after.valueSchemaId);
    expect(JSON.stringify(JSON.parse(latest.schema))).to.contain(`"name":"${column}"`);
  });
});
