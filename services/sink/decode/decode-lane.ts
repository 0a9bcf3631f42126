/**
 * The decode stage: one partition batch's raw messages → change events, heartbeats, and dead
 * letters for the poison among them. A failure that can pass (the registry unavailable) is thrown:
 * the source retries the whole batch; only poison is set aside, so nothing is dead-lettered for a
 * reason that could pass.
 */
import type { ChangeEvent, HeartbeatEvent } from '../../model/change-event.js';
import { isPoisonEventError } from '../../model/errors.js';
import type { DeadLetter } from '../dlq/headers.js';
import type { RawMessage } from '../source/types.js';
import { decodeRecord } from './envelope.js';
import type { AvroRecord, WireDecoder } from './wire-decoder.js';

export interface DecodedChange {
  message: RawMessage;
  event: ChangeEvent;
}

export interface DecodedBatch {
  changes: DecodedChange[];
  heartbeats: HeartbeatEvent[];
  deadLetters: DeadLetter[];
}

/** Messages handled in one go before a stage lets pending I/O (acknowledged writes) through. */
export const SLICE = 256;

export const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

function decodedFrom(message: RawMessage, record: AvroRecord): DecodedChange | HeartbeatEvent | undefined {
  const position = { topic: message.topic, partition: message.partition, offset: message.offset };
  const decoded = decodeRecord({ ...position, value: record.value, valueSchema: record.schema });
  if (decoded.kind === 'ignored') return undefined;
  if (decoded.kind === 'heartbeat') return decoded;
  return { message, event: decoded };
}

/** One message on its own (dead-letter replay, the benchmarks). */
export async function decodeMessage(decoder: WireDecoder, message: RawMessage): Promise<DecodedChange | HeartbeatEvent | undefined> {
  if (message.value === null) return undefined; // Kafka tombstone: nothing to apply
  return decodedFrom(message, await decoder.decode(message.value));
}

export function isHeartbeat(decoded: DecodedChange | HeartbeatEvent): decoded is HeartbeatEvent {
  return 'kind' in decoded;
}

/** Without an await per message once the schemas are loaded: a batch decodes in a few slices, not interleaved message by message with others. */
export async function decodeBatch(decoder: WireDecoder, messages: readonly RawMessage[]): Promise<DecodedBatch> {
  const out: DecodedBatch = { changes: [], heartbeats: [], deadLetters: [] };
  for (let i = 0; i < messages.length; i++) {
    if (i > 0 && i % SLICE === 0) await yieldToIo();
    const message = messages[i] as RawMessage;
    try {
      const decoded = message.value === null
        ? undefined
        : decodedFrom(message, decoder.decodeLoaded(message.value) ?? await decoder.decode(message.value));
      if (decoded === undefined) continue;
      if (isHeartbeat(decoded)) out.heartbeats.push(decoded);
      else out.changes.push(decoded);
    } catch (err) {
      if (!isPoisonEventError(err)) throw err;
      out.deadLetters.push({ source: message, code: err.code, message: err.message });
    }
  }
  return out;
}

/**
 * Runs the CPU work of the partitions' batches (decode and transform) one batch after the other.
 * Interleaved, the batches of a fetch were all ready at the same late moment while DynamoDB
 * waited; one at a time (with I/O let through between slices), the first batch's writes are in
 * flight while the next one decodes. A batch whose work fails does not hold up the next.
 */
export class SerialLane {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
