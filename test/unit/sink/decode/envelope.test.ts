import { expect } from 'chai';
import avsc from 'avsc';
import { bigintLongType } from '../../../../services/sink/decode/bigint-long.js';
import { decodeRecord } from '../../../../services/sink/decode/envelope.js';
import { UNAVAILABLE, type ChangeEvent } from '../../../../services/model/change-event.js';
import { isPoisonEventError } from '../../../../services/model/errors.js';
import { envelopeSchema, source, T, throughAvro, type Column } from '../debezium-schema.js';

const MENU_PRECISE: Column[] = [
  ['item_id', T.uuid], ['restaurant_id', T.uuid], ['name', 'string'], ['description', 'string', true],
  ['price', T.decimal(10, 2)], ['is_available', 'boolean'], ['dietary_flags', T.textArray, true], ['created_at', T.zoned],
];
const MENU_STRING: Column[] = MENU_PRECISE.map(([n, t, o]) => (n === 'price' ? [n, 'string', o] : [n, t, o]));
const REVIEW: Column[] = [
  ['review_id', T.uuid], ['rating', 'int'], ['title', 'string', true], ['visited_on', T.date, true], ['created_at', T.zoned],
];
const RESTAURANT: Column[] = [
  ['restaurant_id', T.uuid], ['name', 'string'], ['latitude', 'double', true], ['opening_hours', T.json],
  ['dietary_flags', T.textArray], ['amount', T.variableDecimal, true], ['local_at', T.microTimestamp, true],
];

const at = { topic: 'bellyfed.public.menu_items', partition: 2, offset: '41' };

function decode(table: string, columns: Column[], value: Record<string, unknown>, topic = `bellyfed.public.${table}`) {
  const schema = envelopeSchema(table, columns);
  return decodeRecord({ ...at, topic, value: throughAvro(schema, value), valueSchema: schema });
}

function asChange(decoded: ReturnType<typeof decodeRecord>): ChangeEvent {
  if (decoded.kind !== 'change') throw new Error(`expected a change, got ${decoded.kind}`);
  return decoded;
}

const menuRow = (price: unknown) => ({
  item_id: '4ea18e62-9f50-4071-c2d3-000000000001', restaurant_id: '0a6f4a2e-5b1c-4c3d-8e9f-000000000001', name: 'Phở bò 🍜',
  description: null, price, is_available: true, dietary_flags: ['gluten-free', null], created_at: '2025-03-01T10:00:00.12Z',
});

describe('sink decode: Debezium envelopes through Avro', () => {
  it('needs BigInt longs: avsc\'s default long refuses Debezium 3\'s ts_ns, the sink\'s long type decodes it', () => {
    const schema = envelopeSchema('menu_items', MENU_STRING) as avsc.Schema;
    const withBigint = avsc.Type.forSchema(schema, { registry: { long: bigintLongType() } } as unknown as Partial<avsc.ForSchemaOptions>);
    const bytes = withBigint.toBuffer({
      before: null, after: menuRow('12.50'), source: source('menu_items'), transaction: null, op: 'c', ts_ms: 1n, ts_us: 1n, ts_ns: 1_767_225_600_123_456_789n,
    });
    expect(() => avsc.Type.forSchema(schema).fromBuffer(bytes)).to.throw(/precision loss/);
    expect(withBigint.fromBuffer(bytes)).to.have.property('ts_ns', 1_767_225_600_123_456_789n);
  });

  it('decodes a create with a precise decimal, a text[] with a null, unicode and a ZonedTimestamp', () => {
    const event = asChange(decode('menu_items', MENU_PRECISE, {
      before: null, after: menuRow(Buffer.from([0x04, 0xe2])), source: source('menu_items'), transaction: null, op: 'c',
      ts_ms: 1n, ts_us: null, ts_ns: null,
    }));
    expect(event.table).to.equal('menu_items');
    expect(event.op).to.equal('c');
    expect(event.before).to.equal(null);
    expect(event.after).to.deep.equal({
      item_id: '4ea18e62-9f50-4071-c2d3-000000000001', restaurant_id: '0a6f4a2e-5b1c-4c3d-8e9f-000000000001', name: 'Phở bò 🍜',
      description: null, price: '12.50', is_available: true, dietary_flags: ['gluten-free', null],
      created_at: '2025-03-01T10:00:00.120000Z',
    });
    expect(event.version).to.equal('1.00000000016e904f.00000000016e9058');
    expect(event.sourceTsMs).to.equal(1_767_225_600_123);
    expect(event.txId).to.equal(555);
    expect(event.snapshot).to.equal(false);
    expect(event.position).to.deep.equal({ topic: 'bellyfed.public.menu_items', partition: 2, offset: '41' });
  });

  it('decodes a string-mode decimal to the same text as precise mode', () => {
    const event = asChange(decode('menu_items', MENU_STRING, {
      before: null, after: menuRow('12345678901234567890.12'), source: source('menu_items'), transaction: null, op: 'c',
      ts_ms: null, ts_us: null, ts_ns: null,
    }));
    expect(event.after?.price).to.equal('12345678901234567890.12');
  });

  it('decodes dates before 1970, nulls, jsonb maps, doubles, VariableScaleDecimal and MicroTimestamp', () => {
    const review = asChange(decode('reviews', REVIEW, {
      before: null, after: { review_id: '3d907d51-8e4f-4f60-b1c2-000000000001', rating: 4, title: null, visited_on: -365, created_at: '2025-03-01T10:00:00Z' },
      source: source('reviews'), transaction: null, op: 'c', ts_ms: null, ts_us: null, ts_ns: null,
    }));
    expect(review.after).to.deep.include({ rating: 4, title: null, visited_on: '1969-01-01', created_at: '2025-03-01T10:00:00.000000Z' });

    const restaurant = asChange(decode('restaurants', RESTAURANT, {
      before: null,
      after: {
        restaurant_id: '0a6f4a2e-5b1c-4c3d-8e9f-000000000001', name: 'Ünïcødé 東京', latitude: 52.520008,
        opening_hours: '{"mon":[{"open":"09:00","close":"17:00"}],"note":{"deep":{"deeper":[1,2.5,null,true]}}}',
        dietary_flags: [], amount: { scale: 3, value: Buffer.from([0xfb]) }, local_at: -1, // {type:'long',…} objects keep avsc's own long
      },
      source: source('restaurants'), transaction: null, op: 'c', ts_ms: null, ts_us: null, ts_ns: null,
    }));
    expect(restaurant.after).to.deep.equal({
      restaurant_id: '0a6f4a2e-5b1c-4c3d-8e9f-000000000001', name: 'Ünïcødé 東京', latitude: 52.520008,
      opening_hours: { mon: [{ open: '09:00', close: '17:00' }], note: { deep: { deeper: [1, 2.5, null, true] } } },
      dietary_flags: [], amount: '-0.005', local_at: '1969-12-31T23:59:59.999999',
    });
  });

  it('marks the TOAST placeholder unavailable, in text, json and text[] columns alike', () => {
    const schema = envelopeSchema('restaurants', RESTAURANT);
    const before = {
      restaurant_id: '0a6f4a2e-5b1c-4c3d-8e9f-000000000001', name: 'A', latitude: null, opening_hours: '{}', dietary_flags: ['x'], amount: null, local_at: null,
    };
    const after = { ...before, name: '__debezium_unavailable_value', opening_hours: '__debezium_unavailable_value', dietary_flags: ['__debezium_unavailable_value'] };
    const event = asChange(decodeRecord({
      ...at, value: throughAvro(schema, { before, after, source: source('restaurants'), transaction: null, op: 'u', ts_ms: null, ts_us: null, ts_ns: null }), valueSchema: schema,
    }));
    expect(event.after?.name).to.equal(UNAVAILABLE);
    expect(event.after?.opening_hours).to.equal(UNAVAILABLE);
    expect(event.after?.dietary_flags).to.equal(UNAVAILABLE);
    expect(event.before?.dietary_flags).to.deep.equal(['x']);
  });

  it('gives snapshot reads the snapshot version class, below any streamed change', () => {
    const read = asChange(decode('reviews', REVIEW, {
      before: null, after: { review_id: '3d907d51-8e4f-4f60-b1c2-000000000001', rating: 4, title: null, visited_on: null, created_at: '2025-03-01T10:00:00Z' },
      source: source('reviews', { snapshot: 'true', sequence: null, lsn: 99_999_999n }), transaction: null, op: 'r', ts_ms: null, ts_us: null, ts_ns: null,
    }));
    expect(read.snapshot).to.equal(true);
    expect(read.version).to.equal('0.0000000000000000.0000000005f5e0ff');
    // A streamed change of a transaction that began before the snapshot point still wins.
    const streamed = asChange(decode('reviews', REVIEW, {
      before: null, after: { review_id: '3d907d51-8e4f-4f60-b1c2-000000000001', rating: 5, title: null, visited_on: null, created_at: '2025-03-01T10:00:00Z' },
      source: source('reviews', { sequence: '[null,"5"]', lsn: 5n }), transaction: null, op: 'u', ts_ms: null, ts_us: null, ts_ns: null,
    }));
    expect(streamed.version > read.version).to.equal(true);
  });

  it('places an incremental snapshot read in the stream: above every change committed before it, below every change after it', () => {
    const reviewAfter = (rating: number) => ({ review_id: '3d907d51-8e4f-4f60-b1c2-000000000001', rating, title: null, visited_on: null, created_at: '2025-03-01T10:00:00Z' });
    const change = (op: 'r' | 'u', extra: Record<string, unknown>) => asChange(decode('reviews', REVIEW, {
      before: null, after: reviewAfter(op === 'r' ? 1 : 2), source: source('reviews', extra), transaction: null, op, ts_ms: null, ts_us: null, ts_ns: null,
    }));
    // As Debezium 3.6 emits it: no source.lsn, sequence [C, C] with C the last commit seen.
    const read = change('r', { snapshot: 'incremental', lsn: null, sequence: '["995467344","995467344"]' });
    expect(read.snapshot).to.equal(true);
    // A change of the last transaction before the window closed (its record LSN may exceed C).
    const before = change('u', { sequence: '["995467000","995467400"]', lsn: 995_467_400n });
    // A change of a transaction committed after it, even one whose records were written before C.
    const after = change('u', { sequence: '["995467500","995467100"]', lsn: 995_467_100n });
    expect(before.version < read.version, `${before.version} < ${read.version}`).to.equal(true);
    expect(read.version < after.version, `${read.version} < ${after.version}`).to.equal(true);
    // And it refreshes what an initial snapshot or an earlier stream change left.
    const initial = change('r', { snapshot: 'true', sequence: null, lsn: 995_467_344n });
    expect(initial.version < read.version).to.equal(true);
  });

  it('recognizes heartbeats (topic and table), tombstones and logical messages', () => {
    expect(decodeRecord({ ...at, topic: '__debezium-heartbeat.bellyfed', value: { ts_ms: 1_767_225_600_000n }, valueSchema: undefined }))
      .to.deep.equal({ kind: 'heartbeat', sourceTsMs: 1_767_225_600_000, position: { ...at, topic: '__debezium-heartbeat.bellyfed' } });
    const beat = decode('debezium_heartbeat', [['id', 'int'], ['beat_at', T.zoned]], {
      before: null, after: { id: 1, beat_at: '2026-01-01T00:00:00Z' }, source: source('debezium_heartbeat'), transaction: null, op: 'u', ts_ms: null, ts_us: null, ts_ns: null,
    });
    expect(beat).to.deep.include({ kind: 'heartbeat', sourceTsMs: 1_767_225_600_123 });
    expect(decodeRecord({ ...at, value: null, valueSchema: undefined })).to.deep.include({ kind: 'ignored', reason: 'tombstone' });
    expect(decodeRecord({ ...at, value: { op: 'm', source: {} }, valueSchema: undefined })).to.deep.include({ kind: 'ignored', reason: 'logical-message' });
  });

  it('turns malformed records into poison with a code', () => {
    const poison = (fn: () => unknown, code: string) => {
      try {
        fn();
        expect.fail('expected poison');
      } catch (err) {
        expect(isPoisonEventError(err)).to.equal(true);
        expect((err as { code: string }).code).to.equal(code);
      }
    };
    poison(() => decodeRecord({ ...at, value: { op: 'x', source: { table: 'users', ts_ms: 1 } }, valueSchema: undefined }), 'UNDECODABLE_EVENT');
    poison(() => decode('reviews', REVIEW, {
      before: null, after: null, source: source('reviews'), transaction: null, op: 'd', ts_ms: null, ts_us: null, ts_ns: null,
    }), 'UNDECODABLE_EVENT');
    poison(() => decode('reviews', REVIEW, {
      before: null, after: { review_id: '3d907d51-8e4f-4f60-b1c2-000000000001', rating: 4, title: null, visited_on: null, created_at: 'yesterday' },
      source: source('reviews'), transaction: null, op: 'c', ts_ms: null, ts_us: null, ts_ns: null,
    }), 'UNCONVERTIBLE_VALUE');
  });
});

