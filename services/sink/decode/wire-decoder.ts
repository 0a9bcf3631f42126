/**
 * Confluent wire format (magic byte 0, 4-byte schema id, Avro body). The writer schema is read
 * from the registry once per id, as JSON text — the decoder needs Connect's attributes
 * (connect.name, scale) that a parsed type would drop — and cached with its compiled avsc type
 * (ids are immutable). Classifies failures: bytes that can never decode are poison; a registry
 * that cannot answer right now is transient (retry, never dead-letter).
 *
 * The schema is fetched with GET /schemas/ids/{id}/schema rather than /schemas/ids/{id}: Apicurio
 * 3.0.9's ccompat /schemas/ids/{id} fails (HTTP 400, "Failed to discover artifact type") for
 * Debezium schemas holding a "default": "{}" (restaurants.opening_hours), which would stall the
 * restaurants partitions; the /schema form returns the same schema without that guess.
 */
import avsc from 'avsc';
import { bigintLongType } from './bigint-long.js';
import type { AvroSchema } from './avro-schema.js';
import { BellyfedError } from '../../shared/errors.js';
import { PoisonEventError } from '../../model/errors.js';

const MAGIC_BYTE = 0;

export interface AvroRecord {
  schemaId: number;
  schema: AvroSchema;
  value: unknown;
}

interface CompiledSchema {
  schema: AvroSchema;
  type: avsc.Type;
}

export type FetchSchema = (url: string) => Promise<{ status: number; text: string }>;

const defaultFetch: FetchSchema = async (url) => {
  const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
  return { status: response.status, text: await response.text() };
};

export class WireDecoder {
  private readonly cache = new Map<number, Promise<CompiledSchema>>();
  /** The schemas loaded so far: decoding with one of them needs no await (decodeLoaded). */
  private readonly loaded = new Map<number, CompiledSchema>();
  private readonly long = bigintLongType();

  constructor(private readonly registryUrl: string, private readonly fetchSchema: FetchSchema = defaultFetch) {}

  /** The schema id a message names, or poison if it is not in the Confluent wire format. */
  static schemaIdOf(bytes: Buffer): number {
    if (bytes.length < 5 || bytes[0] !== MAGIC_BYTE) {
      throw new PoisonEventError('UNDECODABLE_EVENT', `not in the Confluent wire format (first byte ${bytes[0] ?? 'none'}, ${bytes.length} bytes)`);
    }
    return bytes.readInt32BE(1);
  }

  async decode(bytes: Buffer): Promise<AvroRecord> {
    const schemaId = WireDecoder.schemaIdOf(bytes);
    return WireDecoder.body(schemaId, this.loaded.get(schemaId) ?? await this.schema(schemaId), bytes);
  }

  /** As decode, at once, when the message's schema is loaded already; undefined when it is not. */
  decodeLoaded(bytes: Buffer): AvroRecord | undefined {
    const schemaId = WireDecoder.schemaIdOf(bytes);
    const compiled = this.loaded.get(schemaId);
    return compiled === undefined ? undefined : WireDecoder.body(schemaId, compiled, bytes);
  }

  private static body(schemaId: number, compiled: CompiledSchema, bytes: Buffer): AvroRecord {
    let value: unknown;
    try {
      value = compiled.type.fromBuffer(bytes.subarray(5));
    } catch (err) {
      throw new PoisonEventError('UNDECODABLE_EVENT', `the Avro body does not decode with schema ${schemaId}: ${(err as Error).message}`, { cause: err });
    }
    return { schemaId, schema: compiled.schema, value };
  }

  private schema(id: number): Promise<CompiledSchema> {
    let entry = this.cache.get(id);
    if (!entry) {
      entry = this.load(id);
      this.cache.set(id, entry);
      entry.then((compiled) => this.loaded.set(id, compiled), () => this.cache.delete(id)); // a transient failure must not stick
    }
    return entry;
  }

  private async load(id: number): Promise<CompiledSchema> {
    const url = `${this.registryUrl.replace(/\/+$/, '')}/schemas/ids/${id}/schema`;
    let answer: { status: number; text: string };
    try {
      answer = await this.fetchSchema(url);
    } catch (err) {
      throw new BellyfedError('REGISTRY_UNAVAILABLE', `the schema registry could not give schema ${id}`, { cause: err, retriable: true });
    }
    if (answer.status === 404) throw new PoisonEventError('UNDECODABLE_EVENT', `schema id ${id} is unknown to the registry`);
    if (answer.status !== 200) {
      throw new BellyfedError('REGISTRY_UNAVAILABLE', `the schema registry answered ${answer.status} for schema ${id}`, { retriable: true });
    }
    let schema: AvroSchema;
    let type: avsc.Type;
    try {
      schema = JSON.parse(answer.text) as AvroSchema;
      // Debezium 3 writes nanosecond times (ts_ns) beyond 2^53 in every envelope: longs decode to
      // BigInt, also where a schema spells long as {"type":"long","connect.default":0}.
      const long = this.long;
      const isPlainLong = (s: unknown) =>
        s === 'long' || (typeof s === 'object' && s !== null && (s as { type?: unknown }).type === 'long' && !('logicalType' in s));
      type = avsc.Type.forSchema(schema as avsc.Schema, {
        registry: { long },
        typeHook: (s: unknown) => (isPlainLong(s) ? long : undefined),
      } as unknown as Partial<avsc.ForSchemaOptions>);
    } catch (err) {
      throw new PoisonEventError('UNDECODABLE_EVENT', `schema ${id} is not a usable Avro schema: ${(err as Error).message}`, { cause: err });
    }
    return { schema, type };
  }
}
