/**
 * Analytics events as Avro in the Confluent wire format (magic byte 0, the schema id as a
 * big-endian int32, the Avro binary), a whole batch at a time with one Avro type compiled from
 * the schema the sender registered. The registry client's encode() is async per event (a
 * schema lookup and a promise each); a batch of 500 then cost 500 promises on the event loop
 * that also serves the requests.
 */
import avsc from 'avsc';
import type { AnalyticsEvent } from './events.js';

export const CONFLUENT_MAGIC_BYTE = 0;

export function confluentHeader(schemaId: number): Buffer {
  const header = Buffer.alloc(5);
  header.writeUInt8(CONFLUENT_MAGIC_BYTE, 0);
  header.writeInt32BE(schemaId, 1);
  return header;
}

/** An encoder of batches for one registered schema (its text and id). */
export function batchEncoder(schemaText: string, schemaId: number): (events: readonly AnalyticsEvent[]) => Buffer[] {
  // Logical types (uuid, timestamp-millis) stay their underlying string and long, as the registry client encodes them.
  const type = avsc.Type.forSchema(JSON.parse(schemaText) as avsc.Schema);
  const header = confluentHeader(schemaId);
  return (events) => events.map((event) => Buffer.concat([header, type.toBuffer(event)]));
}
