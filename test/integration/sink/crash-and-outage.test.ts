/**
 * Crash safety and outages on the real platform. The sink runs as `bellyfed serve sink` (a child
 * process) and is SIGKILLed in the middle of a stream, then restarted: DynamoDB still converges
 * exactly. In the outage test the sink writes to a private dynalite (never the platform's), which
 * is killed while changes flow and restarted on the same port and data: the worker waits, resumes
 * by itself and loses nothing. Needs `npm run build` (the child runs dist/).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'chai';
import { PROJECT_ROOT } from '../../../services/shared/paths.js';
import { startSink } from '../../../services/sink/index.js';
import { quietLogger } from '../../helpers/postgres.js';
import {
  createTestTable, sinkConfig, useSeededSource, testDynamo, waitUntilExact,
} from '../../helpers/sink.js';
import { deleteTopics } from '../../helpers/kafka.js';
import { PrivateDynalite } from '../../helpers/private-dynalite.js';
import { waitFor } from '../../helpers/wait.js';
import { applyManyUpdates, applyMixedChanges } from './changes.js';

const CONNECT_URL = process.env.CONNECT_URL;

async function metric(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return [...text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\d+(?:\\.\\d+)?)`, 'gm'))].reduce((s, m) => s + Number(m[1]), 0);
}

describe(`sink: crash safety and DynamoDB outage${CONNECT_URL ? '' : ' (skipped: run after `bellyfed local up` with eval "$(bellyfed local env)")'}`, function () {
  this.timeout(400_000);
  const suite = useSeededSource(30);

  function startChild(env: NodeJS.ProcessEnv): { child: ChildProcess; url: Promise<string> } {
    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin', 'bellyfed.js'), 'serve', 'sink'], {
      env: { ...env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    const url = new Promise<string>((resolve, reject) => {
      child.stderr!.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const match = /metrics on (http:\/\/\S+)\/metrics/.exec(stderr);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`sink exited with ${code} before starting: ${stderr.slice(-2000)}`)));
    });
    suite.cleanups.push(async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    return { child, url };
  }

  it('SIGKILL in the middle of a stream, then a restart: DynamoDB is still exact', async () => {
    const config = sinkConfig(suite.source);
    suite.cleanups.push(await createTestTable(suite.dynamo, config.dynamodb.table));
    suite.cleanups.push(() => deleteTopics([config.sink.dlqTopic]));

    const first = startChild(config.env);
    const firstUrl = await first.url;
    await waitUntilExact(suite.source, suite.dynamo, config.dynamodb.table);
    const appliedBefore = await metric(firstUrl, 'sink_events_applied_total');

    const stream = applyManyUpdates(suite.source.db.pool, 1500, 'crash').then(() => applyMixedChanges(suite.source.db.pool));
    // Kill it while it is applying the stream (not before, not after).
    await waitFor(async () => (await metric(firstUrl, 'sink_events_applied_total')) > appliedBefore + 200 || undefined,
      'the sink to be in the middle of the stream', { timeoutMs: 60_000, intervalMs: 20 });
    const exited = new Promise((resolve) => first.child.once('exit', resolve));
    first.child.kill('SIGKILL');
    await exited;
    await stream;

    const second = startChild(config.env);
    await second.url;
    await waitUntilExact(suite.source, suite.dynamo, config.dynamodb.table, 180_000);
    second.child.kill('SIGTERM');
    const code = await new Promise((resolve) => second.child.once('exit', resolve));
    expect(code, 'graceful exit on SIGTERM').to.equal(0);
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
    await waitFor(async () => (await metric(sink.url, 'sink_batch_failures_total')) > 2 || undefined, 'the worker to be retrying', { timeoutMs: 60_000, intervalMs: 100 });
    expect(sink.worker.ready, 'still in its group while DynamoDB is down').to.equal(true);

    await dynalite.restart();
    await waitUntilExact(suite.source, own, config.dynamodb.table, 180_000);
    expect(await metric(sink.url, 'sink_dead_letters_total')).to.equal(0);
  });
});
