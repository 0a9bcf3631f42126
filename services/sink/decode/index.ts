/** Pure decoding of Debezium records into the sink's change events (no Kafka, no registry I/O). */
export { decodeRecord, type DecodeOptions, type RawRecord } from './envelope.js';
export { bigintLongType } from './bigint-long.js';
export { convertValue } from './convert-value.js';
export { AvroNames, type AvroSchema } from './avro-schema.js';
export { HEARTBEAT_TABLE, HEARTBEAT_TOPIC_PREFIX } from './heartbeat.js';
export { DEFAULT_UNAVAILABLE_PLACEHOLDER } from './unavailable.js';
export * from './types.js';
