/**
 * The decoder on real Debezium 3.6.1 records captured from the local platform
 * (test/fixtures/debezium): the raw Confluent-framed bytes, decoded with avsc exactly as the
 * registry client does (writer schema, BigInt longs), then through decodeRecord.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import avsc from 'avsc';
import { expect } from 'chai';
import { PROJECT_ROOT } from '../../../../services/shared/paths.js';
import type { AvroSchema } from '../../../../services/sink/decode/avro-schema.js';
import { bigintLongType } from '../../../../services/sink/decode/bigint-long.js';
import { decodeRecord } from '../../../../services/sink/decode/envelope.js';
import type { ChangeEvent } from '../../../../services/model/change-event.js';
import { compareVersions } from '../../../../services/model/version.js';

interface Fixture {
  topic: string;
  schemas: Record<string, AvroSchema>;
  events: { offset: string; tombstone: boolean; value_schema_id?: number; raw: { partition: number; value: string | null } }[];
}

function load(name: string): Fixture {
  return JSON.parse(readFileSync(join(PROJECT_ROOT, 'test', 'fixtures', 'debezium', name), 'utf8')) as Fixture;
}

function decodeAll(fixture: Fixture) {
  return fixture.events.map((event) => {
    const bytes = event.raw.value === null ? null : Buffer.from(event.raw.value, 'base64');
    const schemaId = bytes === null ? undefined : bytes.readInt32BE(1);
    const schema = schemaId === undefined ? undefined : fixture.schemas[String(schemaId)];
    const value = bytes === null || schema === undefined
      ? null
      : avsc.Type.forSchema(schema as avsc.Schema, { registry: { long: bigintLongType() } } as unknown as Partial<avsc.ForSchemaOptions>).fromBuffer(bytes.subarray(5));
    return decodeRecord({ topic: fixture.topic, partition: event.raw.partition, offset: event.offset, value, valueSchema: schema });
  });
}

for (const mode of ['string', 'precise'] as const) {
  describe(`sink decode: captured Debezium records (decimal.handling.mode=${mode})`, () => {
    const decoded = decodeAll(load(`cdc-probe.decimal-${mode}.json`));
    const [created, updated, deleted, tombstone] = decoded as [ChangeEvent, ChangeEvent, ChangeEvent, ReturnType<typeof decodeRecord>];

    it('decodes the insert with every type exact', () => {
      expect(created.kind).to.equal('change');
      expect(created.op).to.equal('c');
      expect(created.after).to.deep.equal({
        id: 1, name: 'Nasi Lemak Corner', price: '12.50', rating: '4.6666666666666666666667',
        opened_at: '2024-03-01T01:30:00.123456Z', opened_on: '2024-03-01',
        attributes: { halal: true, seats: 40, price_band: '$$' }, tags: ['malaysian', 'breakfast', 'halal'],
      });
    });

    it('decodes the update (no before image with the default replica identity)', () => {
      expect(updated.op).to.equal('u');
      expect(updated.before).to.equal(null);
      expect(updated.after).to.deep.include({ price: '13.75', attributes: { halal: true, seats: 44, price_band: '$$' } });
      expect(updated.after?.tags).to.deep.equal(['malaysian', 'breakfast', 'halal', 'spicy']);
    });

    it('decodes the delete (key-only before image) and ignores the tombstone', () => {
      expect(deleted.op).to.equal('d');
      expect(deleted.before).to.deep.include({ id: 1 });
      expect(tombstone).to.deep.include({ kind: 'ignored', reason: 'tombstone' });
    });

    it('versions grow along the stream', () => {
      expect(compareVersions(created.version, updated.version)).to.be.below(0);
      expect(compareVersions(updated.version, deleted.version)).to.be.below(0);
      expect(created.sourceTsMs).to.be.a('number');
    });
  });
}
