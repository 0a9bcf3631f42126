/**
 * Decoding a partition batch: the registry's schemas are fetched once and then used without an
 * await per message, and the decode lane takes batches one after the other (a batch whose
 * decoding fails does not hold up the next). Real Debezium bytes (test/fixtures/debezium); the
 * registry is a function serving the captured schemas.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { PROJECT_ROOT } from '../../../../services/shared/paths.js';
import { decodeBatch, SerialLane } from '../../../../services/sink/decode/decode-lane.js';
import { transformBatch } from '../../../../services/sink/transform/transform-batch.js';
import type { RawMessage } from '../../../../services/sink/source/types.js';
import { WireDecoder, type FetchSchema } from '../../../../services/sink/decode/wire-decoder.js';

interface Fixture {
  topic: string;
  schemas: Record<string, unknown>;
  events: { offset: string; raw: { partition: number; value: string | null } }[];
}

function messagesOf(name: string): { messages: RawMessage[]; schemas: Record<string, unknown> } {
  const fixture = JSON.parse(readFileSync(join(PROJECT_ROOT, 'test', 'fixtures', 'debezium', name), 'utf8')) as Fixture;
  const messages = fixture.events.map((e): RawMessage => ({
    topic: fixture.topic, partition: e.raw.partition, offset: e.offset, key: null,
    value: e.raw.value === null ? null : Buffer.from(e.raw.value, 'base64'), timestamp: 0, headers: {},
  }));
  return { messages, schemas: fixture.schemas };
}

const stringProbe = messagesOf('cdc-probe.decimal-string.json');
const preciseProbe = messagesOf('cdc-probe.decimal-precise.json');
const schemas = { ...stringProbe.schemas, ...preciseProbe.schemas };
const idOf = (url: string) => /\/schemas\/ids\/(\d+)\/schema$/.exec(url)?.[1] ?? 'none';

/** A registry answering from the captured schemas; `hold` keeps an id's answer back until released. */
function registry(hold: Record<string, Promise<void>> = {}) {
  const fetched: string[] = [];
  const fetchSchema: FetchSchema = async (url) => {
    const id = idOf(url);
    fetched.push(id);
    await hold[id];
    const schema = schemas[id];
    return schema === undefined ? { status: 500, text: 'down' } : { status: 200, text: JSON.stringify(schema) };
  };
  return { fetched, fetchSchema };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

/** The pipeline's CPU work on one batch: decode, then transform, on the lane. */
class DecodeLane {
  private readonly lane = new SerialLane();

  constructor(private readonly decoder: WireDecoder) {}

  decode(messages: readonly RawMessage[]) {
    return this.lane.run(async () => {
      const decoded = await decodeBatch(this.decoder, messages);
      const transformed = await transformBatch(decoded.changes);
      return { changes: transformed.changes, deadLetters: [...decoded.deadLetters, ...transformed.deadLetters] };
    });
  }
}

describe('sink: decoding a partition batch', () => {
  it('decodes at once with a schema loaded before, and fetches each schema once', async () => {
    const { fetched, fetchSchema } = registry();
    const decoder = new WireDecoder('http://registry.test', fetchSchema);
    const [first, second] = stringProbe.messages.map((m) => m.value as Buffer);
    expect(decoder.decodeLoaded(first!)).to.equal(undefined);
    const viaFetch = await decoder.decode(first!);
    expect(decoder.decodeLoaded(first!)).to.deep.equal(viaFetch);
    expect(decoder.decodeLoaded(second!)).to.deep.equal(await decoder.decode(second!));
    expect(fetched).to.deep.equal(['2']);
  });

  it('decodes the batches queued on the lane one after the other', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const { fetched, fetchSchema } = registry({ 2: held });
    const lane = new DecodeLane(new WireDecoder('http://registry.test', fetchSchema));
    const firstBatch = lane.decode(stringProbe.messages);
    const secondBatch = lane.decode(preciseProbe.messages);
    for (let i = 0; i < 5; i++) await settle();
    // The second batch needs schema 18: it is not asked for while the first batch decodes.
    expect(fetched).to.deep.equal(['2']);
    release();
    const [a, b] = await Promise.all([firstBatch, secondBatch]);
    expect(fetched).to.deep.equal(['2', '18']);
    // cdc_probe_* tables have no DynamoDB mapping: each batch's three changes are poison, its tombstone nothing.
    for (const decoded of [a, b]) {
      expect(decoded.deadLetters.map((d) => d.code)).to.deep.equal(['UNMAPPABLE_EVENT', 'UNMAPPABLE_EVENT', 'UNMAPPABLE_EVENT']);
      expect(decoded.changes).to.have.length(0);
    }
  });

  it('goes on with the next batch when one fails (registry down for its schema)', async () => {
    const { fetchSchema } = registry();
    const lane = new DecodeLane(new WireDecoder('http://registry.test', async (url) => (idOf(url) === '2' ? { status: 503, text: 'down' } : fetchSchema(url))));
    const failing = lane.decode(stringProbe.messages);
    const next = lane.decode(preciseProbe.messages);
    const failure = await failing.then(() => undefined, (err: { code?: string }) => err);
    expect(failure?.code).to.equal('REGISTRY_UNAVAILABLE');
    expect((await next).deadLetters).to.have.length(3);
  });
});
