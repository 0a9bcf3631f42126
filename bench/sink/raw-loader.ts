/**
 * Contender (a), the ceiling: the same events as pre-built, unconditional BatchWriteItem
 * requests of 25 items — one item per event, no decoding, no conditions, no copies — sent with
 * `concurrency` requests in flight. UnprocessedItems are sent again with a short backoff.
 * Building happens before the clock starts; only the sending is measured.
 */
import { BatchWriteItemCommand, type AttributeValue, type DynamoDBClient, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { decodeMessage } from '../../services/sink/decode/decode-lane.js';
import { transformOne } from '../../services/sink/transform/transform-batch.js';
import { toItem } from '../../services/model/marshall.js';
import type { RawMessage } from '../../services/sink/source/types.js';
import type { WireDecoder } from '../../services/sink/decode/wire-decoder.js';
import type { RowIntent } from '../../services/model/transform/intents.js';
import { BATCH_WRITE_SIZE } from '../../services/sink/writer/blind-writes.js';
import { forEachLimit } from '../../services/shared/parallel.js';
import { sleepMs } from './wait.js';

type Item = Record<string, AttributeValue>;

function itemOf(intent: RowIntent): Item {
  if (intent.kind === 'put') return toItem(intent.item);
  if (intent.kind === 'delete') return toItem(intent.tombstone);
  return toItem({ ...intent.set, pk: intent.key.pk, sk: intent.key.sk });
}

/** One item per change event (its row write), in stream order. */
export async function buildItems(decoder: WireDecoder, messages: readonly RawMessage[]): Promise<Item[]> {
  const items: Item[] = [];
  for (const message of messages) {
    const decoded = await decodeMessage(decoder, message);
    if (decoded === undefined || 'kind' in decoded) continue;
    for (const intent of transformOne(decoded).intents) {
      if (intent.kind === 'put' || intent.kind === 'patch' || intent.kind === 'delete') items.push(itemOf(intent));
    }
  }
  return items;
}

/** Requests of up to 25 items; a key never repeats inside one request (BatchWriteItem refuses that). */
export function chunkRequests(items: readonly Item[], size = BATCH_WRITE_SIZE): WriteRequest[][] {
  const chunks: WriteRequest[][] = [];
  let current: WriteRequest[] = [];
  let keys = new Set<string>();
  for (const item of items) {
    const key = `${item.pk?.S}\u0000${item.sk?.S}`;
    if (current.length === size || keys.has(key)) {
      chunks.push(current);
      current = [];
      keys = new Set();
    }
    current.push({ PutRequest: { Item: item } });
    keys.add(key);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

export async function runRawLoader(client: DynamoDBClient, table: string, chunks: readonly WriteRequest[][], concurrency: number): Promise<{ seconds: number; requests: number }> {
  let requests = 0;
  const started = performance.now();
  await forEachLimit(chunks, concurrency, async (chunk) => {
    let pending: WriteRequest[] = chunk;
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) await sleepMs(Math.min(1000, 20 * 2 ** attempt));
      requests++;
      const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: pending } }));
      pending = out.UnprocessedItems?.[table] ?? [];
    }
  });
  return { seconds: (performance.now() - started) / 1000, requests };
}
