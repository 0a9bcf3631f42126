/**
 * One drill file's pipeline on the real platform: a seeded, captured source database of its own
 * (random connector, slot, topics), a fresh DynamoDB table, and sink workers as real processes in
 * one consumer group. A drill runs the workload, breaks something, heals it, then converge()
 * waits for DynamoDB to equal what PostgreSQL implies and asks `bellyfed reconcile` to confirm.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startCdcSource, type CdcSource } from '../../helpers/cdc.js';
import { deleteTopics } from '../../helpers/kafka.js';
import { createTestTable, sinkConfig, testDynamo, waitUntilExact } from '../../helpers/sink.js';
import { startSinkProcess, type SinkProcess } from '../../helpers/sink-process.js';
import { diagnosePipeline } from './diagnose.js';
import { reconcileOnce, type ReconcileOutcome } from './reconcile.js';

export interface DrillPipeline {
  readonly source: CdcSource;
  readonly dynamo: DynamoDBClient;
  readonly table: string;
  /** The sink's environment (table, group, DLQ topic, DynamoDB endpoint). */
  readonly env: NodeJS.ProcessEnv;
  /** Sink workers started and not yet stopped. */
  readonly sinks: SinkProcess[];
  startSink(): Promise<SinkProcess>;
  /** Waits until DynamoDB is exact (the checker); e.g. after the initial snapshot. */
  exact(timeoutMs?: number): Promise<void>;
  /** Waits until DynamoDB is exact, then runs `bellyfed reconcile`; returns how long it took. */
  converge(timeoutMs?: number): Promise<{ seconds: number; reconcile: ReconcileOutcome }>;
  stop(): Promise<void>;
}

export async function startDrillPipeline(options: { restaurants?: number; sinkEnv?: Record<string, string>; dynamoEndpoint?: string } = {}): Promise<DrillPipeline> {
  const source = await startCdcSource({
    idPrefix: 'bfdrill',
    seedRestaurants: options.restaurants ?? 40,
    connectorOverrides: { 'heartbeat.interval.ms': '1000' },
  });
  const cleanups: Array<() => Promise<unknown>> = [() => source.stop()];
  const sinks: SinkProcess[] = [];
  try {
    const config = sinkConfig(source, {
      ...(options.dynamoEndpoint ? { DYNAMODB_ENDPOINT: options.dynamoEndpoint } : {}),
      ...options.sinkEnv,
    });
    const dynamo = testDynamo(options.dynamoEndpoint);
    cleanups.push(async () => dynamo.destroy());
    cleanups.push(await createTestTable(dynamo, config.dynamodb.table));
    cleanups.push(() => deleteTopics([config.sink.dlqTopic]));
    cleanups.push(async () => {
      for (const sink of sinks.splice(0)) await sink.stop('SIGKILL');
    });
    const pipeline: DrillPipeline = {
      source,
      dynamo,
      table: config.dynamodb.table,
      env: config.env,
      sinks,
      async startSink() {
        const sink = startSinkProcess(config.env);
        sinks.push(sink);
        await sink.url;
        return sink;
      },
      async exact(timeoutMs = 300_000) {
        await waitUntilExact(source, dynamo, config.dynamodb.table, timeoutMs);
      },
      async converge(timeoutMs = 300_000) {
        const began = Date.now();
        try {
          await waitUntilExact(source, dynamo, config.dynamodb.table, timeoutMs);
        } catch (err) {
          const state = await diagnosePipeline({
            groupId: config.sink.groupId, topicPrefix: source.topicPrefix, connector: source.connector, sinks,
          });
          // The state first: the checker's list of differences can be long.
          const [headline, ...details] = (err as Error).message.split('\n');
          throw new Error([headline, 'pipeline state:', state, ...details].join('\n'));
        }
        const seconds = (Date.now() - began) / 1000;
        return { seconds, reconcile: await reconcileOnce({ ...config.env, DATABASE_URL: source.db.url }) };
      },
      async stop() {
        for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
      },
    };
    return pipeline;
  } catch (err) {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    throw err;
  }
}

/** A drill file's hooks: the pipeline with one sink worker caught up before its drills, stopped after. */
export function useDrillPipeline(): { readonly pipeline: DrillPipeline } {
  let pipeline: DrillPipeline | undefined;
  before(async function () {
    pipeline = await startDrillPipeline();
    await pipeline.startSink();
    await pipeline.exact();
  });
  after(async () => {
    await pipeline?.stop();
  });
  return {
    get pipeline() {
      if (!pipeline) throw new Error('the drill pipeline is set up in before()');
      return pipeline;
    },
  };
}
