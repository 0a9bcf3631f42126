/**
 * `bellyfed dlq replay`: re-applies dead letters straight through the decoder, the transform and
 * the guarded writer — not by re-producing them into their source topics, which would hand other
 * consumers of those topics duplicates and loop garbage back through the sink. Re-applying an old
 * event is safe: the LSN guard keeps it from overwriting anything newer. Only letters that now
 * decode and map are applied; the rest are counted and stay in the topic (so does everything:
 * Kafka topics are append-only, and a second replay is harmless).
 */
import { decodeMessage, isHeartbeat } from '../decode/decode-lane.js';
import { transformOne } from '../transform/transform-batch.js';
import { isPoisonEventError } from '../../model/errors.js';
import type { WireDecoder } from '../decode/wire-decoder.js';
import { coalesce } from '../transform/coalesce.js';
import type { BatchWriter } from '../writer/batch-writer.js';
import type { DynamoCalls } from '../../shared/dynamodb/calls.js';
import { WriteRejectedError } from '../../shared/dynamodb/errors.js';
import type { StoredDeadLetter } from './reader.js';

export interface ReplayReport {
  total: number;
  applied: number;
  /** Decode and map now, but --dry-run. */
  wouldApply: number;
  stillPoison: Array<{ topic: string; partition: number; offset: string; code: string; message: string }>;
  nothingToApply: number;
}

export async function replayDeadLetters(
  letters: readonly StoredDeadLetter[], deps: { decoder: WireDecoder; writer: BatchWriter; calls: DynamoCalls }, dryRun: boolean,
): Promise<ReplayReport> {
  const report: ReplayReport = { total: letters.length, applied: 0, wouldApply: 0, stillPoison: [], nothingToApply: 0 };
  for (const letter of letters) {
    const original = letter.original;
    if (original === undefined) {
      report.nothingToApply++;
      continue;
    }
    const where = { topic: original.topic, partition: original.partition, offset: original.offset };
    try {
      const decoded = await decodeMessage(deps.decoder, original);
      if (decoded === undefined || isHeartbeat(decoded)) {
        report.nothingToApply++;
        continue;
      }
      if (dryRun) {
        report.wouldApply++;
        continue;
      }
      await deps.writer.apply(deps.calls, coalesce(transformOne(decoded).intents));
      report.applied++;
    } catch (err) {
      if (isPoisonEventError(err)) report.stillPoison.push({ ...where, code: err.code, message: err.message });
      else if (err instanceof WriteRejectedError) report.stillPoison.push({ ...where, code: 'WRITE_REJECTED', message: err.message });
      else throw err;
    }
  }
  return report;
}
