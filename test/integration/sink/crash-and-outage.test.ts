/**
 * Crash safety and outages on the real platform. The sink runs as `bellyfed serve sink` (a child
 * process) and is SIGKILLed in the middle of a stream, then restarted: DynamoDB still converges
 * exactly. In the outage test the sink writes to a private dynalite (never the platform's), which
 * is killed while changes flow and restarted on the same port and data: the worker waits, resumes
 * by itself and loses nothing. Needs `npm run build` (the child runs dist/).
 */
import { expect } from 'chai';
import { startSink } from '../../../services/sink/index.js';
import { quietLogger } from '../../helpers/postgres.js';
import {
  createTestTable, sinkConfig, useSeededSource, testDynamo, waitUntilExact,
} from '../../helpers/sink.js';
import { deleteTopics } from '../../helpers/kafka.js';
import { PrivateDynalite } from '../../helpers/private-dynalite.js';
import { metricSum, startSinkProcess, type SinkProcess } from '../../helpers/sink-process.js';
import { waitFor } from '../../helpers/wait.js';
import { applyManyUpdates, applyMixedChanges } from './changes.js';


describe('sink: crash safety and DynamoDB outage', function () {
  this.timeout(400_000);
  const suite = useSeededSource(30);

  function startChild(env: NodeJS.ProcessEnv): SinkProcess {
    const sink = startSinkProcess(env);
    suite.cleanups.push(() => sink.stop('SIGKILL'));
    return sink;
  }

  it('SIGKILL in the middle of a stream, then a restart: DynamoDB is still exact', async () => {
    const config = sinkConfig(suite.source);
    suite.cleanups.push(await createTestTable(suite.dynamo, config.dynamodb.table));
    suite.cleanups.push(() => deleteTopics([config.sink.dlqTopic]));

    const first = startChild(config.env);
    await first.url;
    await waitUntilExact(suite.source, suite.dynamo, config.dynamodb.table);
    const appliedBefore = await first.metric('sink_events_applied_total');

    const stream = applyManyUpdates(suite.source.db.pool, 1500, 'crash').then(() => applyMixedChanges(suite.source.db.pool));
    // Kill it while it is applying the stream (not before, not after).
    await waitFor(async () => (await first.metric('sink_events_applied_total')) > appliedBefore + 200 || undefined,
      'the sink to be in the middle of the stream', { timeoutMs: 60_000, intervalMs: 20 });
    await first.stop('SIGKILL');
    await stream;

    const second = startChild(config.env);
    await second.url;
    await waitUntilExact(suite.source, suite.dynamo, config.dynamodb.table, 180_000);
    expect(await second.stop('SIGTERM'), 'graceful exit on SIGTERM').to.equal(0);
  });

  it('DynamoDB down while changes flow: the worker waits, resumes by itself and loses nothing', async () => {
    const dynalite = await PrivateDynalite.start();
    suite.cleanups.push(() => dynalite.destroy());
    const config = sinkConfig(suite.source, { DYNAMODB_ENDPOINT: dynalite.endpoint });
    const own = testDynamo(dynalite.endpoint);
    suite.cleanups.push(async () => own.destroy());
    await createTestTable(own, config.dynamodb.table);
    suite.cleanups.push(() => deleteTopics([config.sink.dlqTopic]));
    const sink = await startSink(config, quietLogger, { tuning: { topicRefreshMs: 500, copySettleMs: 1000, fenceRefreshMs: 500, maxAttempts: 3 } });
    suite.cleanups.push(() => sink.close());
    await waitUntilExact(suite.source, own, config.dynamodb.table);

    await dynalite.stop();
    await applyManyUpdates(suite.source.db.pool, 300, 'outage');
    await applyMixedChanges(suite.source.db.pool);
    // The worker is waiting (retrying with backoff), not crashed and not skipping.
    await waitFor(async () => (await metricSum(sink.url, 'sink_batch_failures_total')) > 2 || undefined, 'the worker to be retrying', { timeoutMs: 60_000, intervalMs: 100 });
    expect(sink.supervisor.ready, 'still in its group while DynamoDB is down').to.equal(true);

    await dynalite.restart();
    await waitUntilExact(suite.source, own, config.dynamodb.table, 180_000);
    expect(await metricSum(sink.url, 'sink_dead_letters_total')).to.equal(0);
  });

  it('a bug in a batch stops the sink: never retried, nothing dead-lettered, nothing committed past it', async () => {
    const config = sinkConfig(suite.source);
    suite.cleanups.push(await createTestTable(suite.dynamo, config.dynamodb.table));
    suite.cleanups.push(() => deleteTopics([config.sink.dlqTopic]));
    // The bug sits at the DynamoDB seam: the first write of a review item throws a TypeError.
    let bugs = 0;
    const buggy = {
      send: (command: { constructor: { name: string }; input: unknown }, options?: { abortSignal?: AbortSignal }) => {
        if (bugs === 0 && /Write|Put|Update/.test(command.constructor.name) && JSON.stringify(command.input).includes('"REVIEW#')) {
          bugs++;
          throw new TypeError("Cannot read properties of undefined (reading 'S')");
        }
        return suite.dynamo.send(command as never, options);
      },
    };
    const stopped: unknown[] = [];
    const sink = await startSink(config, quietLogger, { dynamo: buggy, onBug: (error) => stopped.push(error), tuning: { topicRefreshMs: 500 } });
    suite.cleanups.push(() => sink.close());
    await waitFor(() => stopped.length > 0 || undefined, 'the sink to stop on the bug', { timeoutMs: 120_000, intervalMs: 50 });
    expect(stopped[0]).to.be.instanceOf(TypeError);
    expect(await metricSum(sink.url, 'sink_dead_letters_total'), 'a bug is not poison').to.equal(0);
    expect(await metricSum(sink.url, 'sink_batch_failures_total'), 'a bug is not retried').to.equal(0);
    await sink.close();

    // The batch was not committed: a healthy worker of the same group applies it, and the rest.
    const healthy = await startSink(config, quietLogger, { tuning: { topicRefreshMs: 500 } });
    suite.cleanups.push(() => healthy.close());
    await waitUntilExact(suite.source, suite.dynamo, config.dynamodb.table);
    expect(await metricSum(healthy.url, 'sink_dead_letters_total')).to.equal(0);
  });
});
