/**
 * An avsc `long` that decodes to BigInt. Needed, not optional: Debezium 3 puts nanosecond
 * times (source.ts_ns, ts_ns ≈ 1.7e18) in every envelope, beyond 2^53, and avsc's default long
 * refuses them ("potential precision loss"), so every record would fail to decode. Give it to
 * the registry client: new SchemaRegistry(cfg, { [SchemaType.AVRO]: { registry: { long: bigintLongType() } } }).
 * The decoder (convert-value.ts, change-version.ts) accepts bigint and number alike.
 */
import avsc from 'avsc';

export function bigintLongType(): avsc.types.LongType {
  return avsc.types.LongType.__with({
    fromBuffer: (buf: Buffer) => buf.readBigInt64LE(),
    toBuffer: (n: bigint) => {
      const buf = Buffer.alloc(8);
      buf.writeBigInt64LE(BigInt(n));
      return buf;
    },
    fromJSON: (json: unknown) => BigInt(json as number | string),
    toJSON: (n: bigint) => (Number.isSafeInteger(Number(n)) ? Number(n) : n.toString()),
    isValid: (n: unknown) => typeof n === 'bigint',
    compare: (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0),
  });
}
