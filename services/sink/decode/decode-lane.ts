/**
 * One partition batch's raw messages → decoded change events with their write intents, plus the
 * dead letters (poison) and the heartbeats. A transient failure (registry unavailable) is thrown:
 * the source retries the whole batch; only poison is set aside, so nothing is dead-lettered for
 * a reason that could pass.
 */
import { decodeRecord } from './envelope.js';
import type { ChangeEvent, HeartbeatEvent } from '../../model/change-event.js';
import type { DeadLetter } from '../dlq/headers.js';
import { isPoisonEventError } from '../../model/errors.js';
import type { RawMessage } from '../source/types.js';
import type { AvroRecord, WireDecoder } from './wire-decoder.js';
import { transformChange } from '../../model/transform/transform.js';
import type { WriteIntent } from '../../model/transform/intents.js';

export interface DecodedChange {
  message: RawMessage;
  event: ChangeEvent;
  intents: WriteIntent[];
}

export interface DecodedBatch {
  changes: DecodedChange[];
  heartbeats: HeartbeatEvent[];
  deadLetters: DeadLetter[];
}

/** Messages decoded in one go before decodeBatch lets pending I/O (acknowledged writes) through. */
const SLICE = 256;

const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

function decodedFrom(message: RawMessage, record: AvroRecord): DecodedChange | HeartbeatEvent | undefined {
  const position = { topic: message.topic, partition: message.partition, offset: message.offset };
  const decoded = decodeRecord({ ...position, value: record.value, valueSchema: record.schema });
  if (decoded.kind === 'ignored') return undefined;
  if (decoded.kind === 'heartbeat') return decoded;
  return { message, event: decoded, intents: transformChange(decoded) };
}

export async function decodeMessage(decoder: WireDecoder, message: RawMessage): Promise<DecodedChange | HeartbeatEvent | undefined> {
  if (message.value === null) return undefined; // Kafka tombstone: nothing to apply
  return decodedFrom(message, await decoder.decode(message.value));
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
      if ('kind' in decoded) out.heartbeats.push(decoded);
      else out.changes.push(decoded);
    } catch (err) {
      if (!isPoisonEventError(err)) throw err;
      out.deadLetters.push({ source: message, code: err.code, message: err.message });
    }
  }
  return out;
}

/**
 * Decodes the batches of all partitions one after the other. Decoding is CPU work on the one
 * thread: interleaved, the batches of a fetch were all ready at the same late moment while
 * DynamoDB waited; one at a time (with I/O let through between slices), the first batch's
 * writes are in flight while the next one decodes.
 */
export class BatchDecodeLane {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly decoder: WireDecoder) {}

  decode(messages: readonly RawMessage[]): Promise<DecodedBatch> {
    const result = this.tail.then(() => decodeBatch(this.decoder, messages));
    this.tail = result.catch(() => undefined);
    return result;
  }
}
