/**
 * The transform stage: each decoded change → its write intents, by the model's pure transform
 * (services/model/transform). An event the model cannot map is poison (a dead letter); any other
 * error is a bug and goes up, so that the worker stops instead of skipping data.
 */
import { isPoisonEventError } from '../../model/errors.js';
import type { WriteIntent } from '../../model/transform/intents.js';
import { transformChange } from '../../model/transform/transform.js';
import { SLICE, yieldToIo, type DecodedChange } from '../decode/decode-lane.js';
import type { DeadLetter } from '../dlq/headers.js';

export interface TransformedChange extends DecodedChange {
  intents: WriteIntent[];
}

export function transformOne(change: DecodedChange): TransformedChange {
  return { ...change, intents: transformChange(change.event) };
}

export async function transformBatch(changes: readonly DecodedChange[]): Promise<{ changes: TransformedChange[]; deadLetters: DeadLetter[] }> {
  const out: { changes: TransformedChange[]; deadLetters: DeadLetter[] } = { changes: [], deadLetters: [] };
  for (let i = 0; i < changes.length; i++) {
    if (i > 0 && i % SLICE === 0) await yieldToIo();
    const change = changes[i] as DecodedChange;
    try {
      out.changes.push(transformOne(change));
    } catch (err) {
      if (!isPoisonEventError(err)) throw err;
      out.deadLetters.push({ source: change.message, code: err.code, message: err.message });
    }
  }
  return out;
}
