/**
 * One sample of the pipeline: every source read at once, each under its own deadline, each
 * failure caught and reported as `unavailable` with its reason, so a down Connect (or Kafka, or
 * DynamoDB) never hides what the other sources say.
 */
import { describeError } from '../shared/errors.js';
import type { ConnectorHealth, DeadLetters, GroupLag, PipelineSample, Reading, RouterCounts, SlotStatus, TableWatermark } from './types.js';

/** The readers of one monitor: built from live clients (live-sources.ts) or from fakes in tests. */
export interface PipelineSources {
  consumers(): Promise<readonly GroupLag[]>;
  /** `previous` carries state PostgreSQL does not keep (since when the slot is inactive). */
  slot(previous: SlotStatus | undefined): Promise<SlotStatus>;
  connectors(): Promise<readonly ConnectorHealth[]>;
  watermarks(): Promise<readonly TableWatermark[]>;
  deadLetters(): Promise<DeadLetters>;
  /** Absent when QUERY_URL is not set. */
  router?: (() => Promise<RouterCounts>) | undefined;
}

export interface SampleOptions {
  readonly timeoutMs: number;
  readonly now: () => Date;
  readonly previous?: PipelineSample | undefined;
}

export async function takeSample(sources: PipelineSources, options: SampleOptions): Promise<PipelineSample> {
  const sampledAt = options.now().toISOString();
  const previousSlot = options.previous?.slot.status === 'ok' ? options.previous.slot.data : undefined;
  const read = <T>(what: string, run: () => Promise<T>) => readWithin(what, options.timeoutMs, run);
  const [consumers, slot, connectors, watermarks, deadLetters, router] = await Promise.all([
    read('consumer lag', () => sources.consumers()),
    read('replication slot', () => sources.slot(previousSlot)),
    read('connectors', () => sources.connectors()),
    read('watermarks', () => sources.watermarks()),
    read('dead letters', () => sources.deadLetters()),
    sources.router === undefined ? Promise.resolve<Reading<RouterCounts>>({ status: 'disabled' }) : read('read-router', sources.router),
  ]);
  return { sampledAt, consumers, slot, connectors, watermarks, deadLetters, router };
}

/** Runs one reader; its error or its silence past the deadline becomes an `unavailable` reading. */
export async function readWithin<T>(what: string, timeoutMs: number, run: () => Promise<T>): Promise<Reading<T>> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return { status: 'ok', data: await Promise.race([run(), deadline]) };
  } catch (err) {
    return { status: 'unavailable', error: reasonOf(err) };
  } finally {
    clearTimeout(timer);
  }
}

/** The error chain as one line, without the repeats kafkajs makes (an error caused by its own copy). */
export function reasonOf(err: unknown): string {
  const parts = describeError(err).split(': caused by: ');
  return parts.filter((part, i) => part !== parts[i - 1]).join(': caused by: ').slice(0, 500);
}
