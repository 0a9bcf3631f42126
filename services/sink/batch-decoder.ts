/**
 * One partition batch's raw messages → decoded change events with their write intents, plus the
 * dead letters (poison) and the heartbeats. A transient failure (registry unavailable) is thrown:
 * the source retries the whole batch; only poison is set aside, so nothing is dead-lettered for
 * a reason that could pass.
 */
import { decodeRecord } from './decode/envelope.js';
import type { ChangeEvent, HeartbeatEvent } from './decode/types.js';
import type { DeadLetter } from './dlq/headers.js';
import { isPoisonEventError } from './model/errors.js';
import type { RawMessage } from './source/types.js';
import type { WireDecoder } from './source/wire-decoder.js';
import { transformChange } from './transform/transform.js';
import type { WriteIntent } from './transform/types.js';

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

export async function decodeMessage(decoder: WireDecoder, message: RawMessage): Promise<DecodedChange | HeartbeatEvent | undefined> {
  const position = { topic: message.topic, partition: message.partition, offset: message.offset };
  if (message.value === null) return undefined; // Kafka tombstone: nothing to apply
  const { schema, value } = await decoder.decode(message.value);
  const decoded = decodeRecord({ ...position, value, valueSchema: schema });
  if (decoded.kind === 'ignored') return undefined;
  if (decoded.kind === 'heartbeat') return decoded;
  return { message, event: decoded, intents: transformChange(decoded) };
}

export async function decodeBatch(decoder: WireDecoder, messages: readonly RawMessage[]): Promise<DecodedBatch> {
  const out: DecodedBatch = { changes: [], heartbeats: [], deadLetters: [] };
  for (const message of messages) {
    try {
      const decoded = await decodeMessage(decoder, message);
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
