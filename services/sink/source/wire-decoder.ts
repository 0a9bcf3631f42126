/**
 * Confluent wire format (magic byte 0, 4-byte schema id, Avro body) through the schema
 * registry, with the library's schema cache. Classifies failures: bytes that can never decode
 * are poison; a registry that cannot answer right now is transient (retry, never dead-letter).
 */
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { bigintLongType } from '../decode/bigint-long.js';
import { BellyfedError } from '../../shared/errors.js';
import { PoisonEventError } from '../model/errors.js';

const MAGIC_BYTE = 0;

export interface AvroRecord {
  schemaId: number;
  value: unknown;
}

export class WireDecoder {
  private readonly registry: SchemaRegistry;

  constructor(registryUrl: string) {
    // Debezium 3 writes nanosecond times (ts_ns) beyond 2^53 in every envelope: longs decode to
    // BigInt, also where a schema spells long as {"type":"long","connect.default":0} (hence the
    // hook as well as the registry entry). Semantic types are converted by the sink itself.
    const long = bigintLongType();
    const isPlainLong = (schema: unknown) =>
      schema === 'long' || (typeof schema === 'object' && schema !== null && (schema as { type?: unknown }).type === 'long' && !('logicalType' in schema));
    this.registry = new SchemaRegistry(
      { host: registryUrl, retry: { retries: 2, initialRetryTimeInSecs: 0.2, maxRetryTimeInSecs: 2 } },
      { [SchemaType.AVRO]: { registry: { long }, typeHook: (schema: unknown) => (isPlainLong(schema) ? long : undefined) } } as never,
    );
  }

  /** The schema id a message names, or poison if it is not in the Confluent wire format. */
  static schemaIdOf(bytes: Buffer): number {
    if (bytes.length < 5 || bytes[0] !== MAGIC_BYTE) {
      throw new PoisonEventError('UNDECODABLE_EVENT', `not in the Confluent wire format (first byte ${bytes[0] ?? 'none'}, ${bytes.length} bytes)`);
    }
    return bytes.readInt32BE(1);
  }

  async decode(bytes: Buffer): Promise<AvroRecord> {
    const schemaId = WireDecoder.schemaIdOf(bytes);
    try {
      return { schemaId, value: await this.registry.decode(bytes) };
    } catch (err) {
      const status = (err as { status?: unknown }).status;
      if (status === 404) {
        throw new PoisonEventError('UNDECODABLE_EVENT', `schema id ${schemaId} is unknown to the registry`, { cause: err });
      }
      if (typeof status === 'number' || /ECONN|ETIMEDOUT|socket|network/i.test(String((err as Error).message))) {
        // Unreachable (mappersmith reports network errors as status 400), 5xx, timeouts.
        throw new BellyfedError('REGISTRY_UNAVAILABLE', `the schema registry could not give schema ${schemaId}`, { cause: err, retriable: true });
      }
      throw new PoisonEventError('UNDECODABLE_EVENT', `the Avro body does not decode with schema ${schemaId}`, { cause: err });
    }
  }
}
