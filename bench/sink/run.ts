/**
 * `bellyfed bench sink`: one run, one source, one DynamoDB endpoint, three contenders, each into
 * its own fresh table (the one table definition) and with its own consumer group:
 *   (a) raw loader — pre-built BatchWriteItem requests (the ceiling),
 *   (b) the sink — `bellyfed serve sink`, the real worker, as a child process,
 *   (c) naive sink — one PutItem per message.
 * (a) and (b) run as `trials` pairs, one right after the other: on a machine they share with
 * the platform a single pair moves by ±10 %, so the ratio reported is the median pair's.
 * Preloading uses real Debezium events: an isolated source database and connector
 * (cdc-source.ts) snapshot a small seed, then `events` changes are made in PostgreSQL and the run
 * waits until the topics hold them all. Then the latency phase (latency.ts). Everything the run
 * creates — database, slot, publication, connector, topics, subjects, groups, tables — is removed
 * at the end, also when it fails.
 */
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { loadLocalConfig } from '../../services/local/config.js';
import { dynaliteDataDir } from '../../services/local/parts/dynamodb.js';
import { processEnvironment, type Config } from '../../services/shared/config.js';
import { createDynamoClient } from '../../services/shared/dynamodb/client.js';
import type { Logger } from '../../services/shared/logger.js';
import { WireDecoder } from '../../services/sink/decode/wire-decoder.js';
import { ensureTable } from '../../services/model/table-setup.js';
import { sampleRss } from '../proc.js';
import { assertLocalPlatform, startBenchSource } from './cdc-source.js';
import { directoryBytes, largeDynaliteWarning } from './dynalite-size.js';
import { countEvents, deleteGroups, withAdmin } from './kafka-admin.js';
import { measureLatency } from './latency.js';
import type { ContenderResult, SinkBenchOptions, SinkBenchResult, SinkTrial } from './types.js';
import { runNaiveSink } from './naive-sink.js';
import { cpuSnapshot, cpuUsed } from './platform-cpu.js';
import { buildItems, chunkRequests, runRawLoader } from './raw-loader.js';
import { runSinkProcess } from './sink-process.js';
import { ratioOf } from './report.js';
import { readAllMessages } from './topic-reader.js';
import { waitUntil } from './wait.js';
import { makeChanges } from './workload.js';

async function snapshotRows(pool: import('pg').Pool): Promise<number> {
  const tables = ['users', 'restaurants', 'categories', 'restaurant_categories', 'menu_items', 'reviews', 'rankings', 'favorites'];
  const { rows } = await pool.query<{ n: string }>(`SELECT (${tables.map((t) => `(SELECT count(*) FROM ${t})`).join(' + ')})::text AS n`);
  return Number(rows[0]?.n ?? 0);
}

export async function benchSink(config: Config, logger: Logger, options: SinkBenchOptions): Promise<SinkBenchResult> {
  assertLocalPlatform(config);
  const log = options.log;
  const dynaliteData = dynaliteDataDir(loadLocalConfig());
  const dynaliteWarning = largeDynaliteWarning(dynaliteData, directoryBytes(dynaliteData));
  if (dynaliteWarning) log(dynaliteWarning);
  const cleanups: Array<() => Promise<unknown>> = [];
  const groups: string[] = [];
  const client = createDynamoClient(config, { maxAttempts: 3, requestTimeoutMs: 30_000 });
  const cleanUp = async () => {
    log('cleaning up (connector, slot, database, topics, subjects, groups, tables)…');
    for (const cleanup of cleanups.splice(0).reverse()) {
      await cleanup().catch((err: unknown) => log(`cleanup failed: ${String(err)}`));
    }
  };
  // Interrupted (Ctrl-C, a timeout's SIGTERM): remove what the run created, then exit.
  const onSignal = () => {
    log('interrupted');
    void cleanUp().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const source = await startBenchSource(config, { seedRestaurants: options.seedRestaurants, connectorOverrides: options.connectorOverrides, log });
    cleanups.push(() => source.stop());
    const id = source.id;
    cleanups.push(() => deleteGroups(config, groups));
    const pgVersion = (await source.pool.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;

    // Preload: the snapshot of the seed, then the changes, until the topics hold every event.
    const snapshotEvents = await snapshotRows(source.pool);
    const streamed = Math.max(0, options.events - snapshotEvents);
    log(`preload: ${snapshotEvents} snapshot rows, making ${streamed} changes in PostgreSQL…`);
    const preloadStarted = performance.now();
    const made = await makeChanges(source.pool, streamed);
    const events = snapshotEvents + made;
    await withAdmin(config, (admin) => waitUntil(async () => {
      const n = await countEvents(admin, source.topicPrefix);
      return n >= events ? n : undefined;
    }, `the topics to hold ${events} events`, 600_000, 200));
    const captureRate = made / ((performance.now() - preloadStarted) / 1000);
    log(`preload: ${events} events in the topics (Debezium ~${captureRate.toFixed(0)} events/s while loading)`);

    const createTable = async (table: string) => {
      cleanups.push(() => client.send(new DeleteTableCommand({ TableName: table })));
      await ensureTable(client, table);
    };
    const decoder = new WireDecoder(config.schemaRegistryUrl);
    const timeoutMs = Math.max(600_000, events * 50);

    // The ceiling's requests are built once, before any clock starts; only the sending is timed.
    log('(a) raw BatchWriteItem loader: building requests…');
    const chunks = chunkRequests(await buildItems(decoder, await readAllMessages(config, source.topicPrefix, groups)));
    const items = chunks.reduce((n, c) => n + c.length, 0);
    const trials: SinkTrial[] = [];
    let sinkEnv: NodeJS.ProcessEnv = {};
    let sinkGroup = '';
    for (let trial = 1; trial <= options.trials; trial++) {
      const of = `trial ${trial} of ${options.trials}`;
      // (a) the ceiling.
      const rawTable = `${id}_raw${trial}`;
      await createTable(rawTable);
      log(`(a) raw BatchWriteItem loader, ${of}: ${items} items in ${chunks.length} requests, ${options.concurrency} in flight…`);
      const rss = sampleRss(process.pid);
      const before = cpuSnapshot();
      const raw = await runRawLoader(client, rawTable, chunks, options.concurrency);
      const ceiling: ContenderResult = { name: 'raw BatchWriteItem loader (ceiling)', events, seconds: raw.seconds, peakRssBytes: rss.stop(), inBench: true, cpu: cpuUsed(before, cpuSnapshot()), requests: raw.requests };

      // (b) the sink, on its own table and group.
      const sinkTable = `${id}_sink${trial}`;
      await createTable(sinkTable);
      sinkGroup = `${id}-sink${trial}`;
      groups.push(sinkGroup);
      sinkEnv = {
        ...processEnvironment(),
        CDC_TOPIC_PREFIX: source.topicPrefix, DYNAMODB_TABLE: sinkTable, SINK_GROUP_ID: sinkGroup,
        SINK_DLQ_TOPIC: `${id}.dlq`, SINK_CONCURRENCY: String(options.concurrency), LOG_LEVEL: 'warn',
      };
      log(`(b) sink (bellyfed serve sink, SINK_CONCURRENCY=${options.concurrency}), ${of}…`);
      const run = await runSinkProcess(config, { env: sinkEnv, prefix: source.topicPrefix, groupId: sinkGroup, timeoutMs });
      const sink: ContenderResult = { name: 'sink (bellyfed serve sink)', events, seconds: run.seconds, peakRssBytes: run.peakRssBytes, inBench: false, cpu: run.cpu, requests: Object.values(run.requests).reduce((a, b) => a + b, 0), requestsByOperation: run.requests };
      const pair: SinkTrial = { ceiling, sink };
      trials.push(pair);
      log(`(b) ${of}: sink / ceiling = ${ratioOf(pair).toFixed(2)}`);
    }

    // (c) the naive sink, once: it is far from the others whatever the noise.
    const naiveTable = `${id}_naive`;
    await createTable(naiveTable);
    const naiveGroup = `${id}-naive`;
    groups.push(naiveGroup);
    log('(c) naive sink (one PutItem per message)…');
    const naiveRss = sampleRss(process.pid);
    const naiveBefore = cpuSnapshot();
    const naiveRun = await runNaiveSink(config, client, decoder, { prefix: source.topicPrefix, groupId: naiveGroup, table: naiveTable, events, concurrency: options.concurrency, timeoutMs });
    const naive: ContenderResult = { name: 'naive sink (PutItem per message)', events: naiveRun.messages, seconds: naiveRun.seconds, peakRssBytes: naiveRss.stop(), inBench: true, cpu: cpuUsed(naiveBefore, cpuSnapshot()), requests: naiveRun.requests };

    // The latency phases run on the last trial's sink table and group (caught up by then).
    const latency = options.latency
      ? await measureLatency(source.pool, sinkEnv, logger, { prefix: source.topicPrefix, groupId: sinkGroup, ...options.latency, log })
      : [];
    const result = { events, snapshotEvents, captureRate, trials, naive, latency, connectorOverrides: source.overrides, pgVersion };
    await options.report?.(result);
    return result;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await cleanUp();
    client.destroy();
  }
}

