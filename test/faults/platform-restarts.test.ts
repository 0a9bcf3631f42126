/**
 * Drills 3–6: a part of the platform goes away while changes flow, then comes back. The broker,
 * Connect and the registry are the local platform's own processes (stopped and started through
 * `bellyfed local stop|start`); DynamoDB is a private dynalite that this file's sink writes to,
 * so stopping it breaks nothing outside the drill. After each heal the pipeline must resume by
 * itself: no operator steps (a task that fails is restarted by the monitor, as deployed).
 */
import { ConnectClient } from '../../services/shared/connect/client.js';
import { connectClient } from '../helpers/cdc-teardown.js';
import { PrivateDynalite } from '../helpers/private-dynalite.js';
import { startMonitorService, type RunningMonitor } from '../../services/monitor/index.js';
import { loadConfig } from '../../services/shared/config.js';
import { quietLogger } from '../helpers/postgres.js';
import { metricSum } from '../helpers/sink-process.js';
import { waitFor } from '../helpers/wait.js';
import { moreChanges, runDrill } from './helpers/drill.js';
import { startDrillPipeline, type DrillPipeline } from './helpers/pipeline.js';
import { startPlatformPart, stopPlatformPart } from './helpers/platform-parts.js';
import type { RunningWorkload } from './helpers/workload.js';
import type { InfrastructurePartName } from '../../services/local/types.js';

/** The connector and every task RUNNING again (Connect restarts failed tasks only when asked). */
async function connectorRunning(client: ConnectClient, connector: string): Promise<void> {
  await waitFor(async () => {
    const status = await client.status(connector);
    return status.connector.state === 'RUNNING' && status.tasks.length > 0 && status.tasks.every((t) => t.state === 'RUNNING');
  }, `connector ${connector} to run again`, { timeoutMs: 180_000, intervalMs: 500 });
}

/**
 * The outage every platform drill shares: changes flow, the part goes away (`during` runs while it
 * is away), more changes pile up in the slot's WAL, the part comes back, and the connector runs
 * again.
 */
async function platformPartOutage(
  workload: RunningWorkload, part: InfrastructurePartName, connector: { client: ConnectClient; name: string },
  options: { kill?: boolean; during?: () => Promise<void> } = {},
): Promise<number> {
  await moreChanges(workload, 40);
  await stopPlatformPart(part, { kill: options.kill ?? false });
  await options.during?.();
  await moreChanges(workload, 80, `changes while ${part} is down`);
  await startPlatformPart(part);
  await connectorRunning(connector.client, connector.name);
  return 1;
}

describe('fault drills: platform parts stopped and restarted', function () {
  let dynalite: PrivateDynalite;
  let pipeline: DrillPipeline;
  let connect: ConnectClient;
  let monitor: RunningMonitor;

  before(async function () {
    dynalite = await PrivateDynalite.start();
    pipeline = await startDrillPipeline({ dynamoEndpoint: dynalite.endpoint });
    connect = connectClient();
    // The monitor runs beside the pipeline, as deployed: it restarts a connector task that fails.
    monitor = await startMonitorService(loadConfig({
      ...pipeline.env, QUERY_URL: '', MONITOR_PORT: '0', MONITOR_INTERVAL_MS: '1000',
      MONITOR_CONNECTORS: pipeline.source.connector, MONITOR_SLOT_NAME: pipeline.source.slot,
    }), quietLogger);
    await pipeline.startSink();
    await pipeline.exact();
  });

  after(async () => {
    await monitor?.close();
    await pipeline?.stop();
    await dynalite?.destroy();
  });

  it('3. the Kafka broker stopped and restarted', async function () {
    await runDrill(pipeline, {
      drill: '3. Kafka broker restart',
      slug: 'kafka-restart',
      broke: 'the Kafka broker (KRaft, single node), stopped while changes flow, restarted',
      breakAndHeal: (workload) => platformPartOutage(workload, 'kafka', { client: connect, name: pipeline.source.connector }),
    });
  });

  it('4. the Kafka Connect worker SIGKILLed and restarted (Debezium resumes from its stored offset)', async function () {
    await runDrill(pipeline, {
      drill: '4. Connect SIGKILL',
      slug: 'connect-kill',
      broke: 'the Kafka Connect worker running Debezium, SIGKILLed while changes flow, restarted',
      breakAndHeal: (workload) => platformPartOutage(workload, 'connect', { client: connect, name: pipeline.source.connector }, { kill: true }),
    });
  });

  it('5. the schema registry restarted', async function () {
    await runDrill(pipeline, {
      drill: '5. registry restart',
      slug: 'registry-restart',
      broke: "the schema registry (Apicurio), stopped while changes flow and a new schema must be registered, restarted; the Debezium task fails meanwhile and the monitor's auto-restart restarts it",
      async breakAndHeal(workload) {
        // The Apicurio converter cannot register or look up a schema while the registry is down,
        // so the task fails, and Connect never restarts a failed task by itself: the monitor
        // (MONITOR_AUTO_RESTART, on by default) does. The slot keeps every change meanwhile.
        const restartsBefore = await metricSum(monitor.url, 'bellyfed_connector_auto_restarts_total');
        const faults = await platformPartOutage(workload, 'registry', { client: connect, name: pipeline.source.connector }, {
          // A schema the converter has never seen must be registered while the registry is down
          // (cached schemas alone may carry the task through a short outage): users gain a column,
          // and every user row changes, so none needs a re-snapshot to show it.
          async during() {
            const pool = pipeline.source.db.pool;
            await pool.query('ALTER TABLE users ADD COLUMN drill_nickname text');
            await pool.query("UPDATE users SET drill_nickname = 'set during the registry outage ✓'");
          },
        });
        const restarts = (await metricSum(monitor.url, 'bellyfed_connector_auto_restarts_total')) - restartsBefore;
        process.stdout.write(`        the monitor has restarted the connector's failed parts ${restarts} time(s) so far\n`);
        return faults;
      },
    });
  });

  it('6. DynamoDB (dynalite) stopped for a while, then restarted', async function () {
    await runDrill(pipeline, {
      drill: '6. DynamoDB outage',
      slug: 'dynamodb-outage',
      broke: "the sink's DynamoDB (dynalite), stopped while changes flow, restarted on the same data",
      async breakAndHeal(workload) {
        await moreChanges(workload, 40);
        await dynalite.stop();
        const sink = pipeline.sinks[0]!;
        const failures = await sink.metric('sink_batch_failures_total');
        await moreChanges(workload, 80, 'changes while DynamoDB is down');
        await waitFor(async () => (await sink.metric('sink_batch_failures_total')) > failures || undefined, 'the sink to be retrying',
          { timeoutMs: 120_000, intervalMs: 250 });
        await dynalite.restart();
        return 1;
      },
    });
  });
});
