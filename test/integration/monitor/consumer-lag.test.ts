/**
 * Consumer lag on the real Kafka: a random topic with 2 partitions and a random consumer group
 * standing in for the sink. Lag must equal the unconsumed count exactly, time lag must be the age
 * of the message at the committed offset, a stopped consumer must turn the state critical within
 * one interval plus the threshold, and `bellyfed lag` must say so in its exit status.
 */
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Consumer } from 'kafkajs';
import { PROJECT_ROOT } from '../../../services/shared/paths.js';
import type { PipelineStatus } from '../../../services/monitor/types.js';
import { createTopic, deleteTopics, randomTopic, testKafka } from '../../helpers/kafka.js';
import { waitFor } from '../../helpers/wait.js';
import {
  connectedProducer, lagByPartition, produceTo, randomId, runCleanups, startTestMonitor, type Cleanup,
} from './monitor-fixture.js';

const exactly = (topic: string) => `^${topic.replaceAll('.', '\\.')}$`;

describe('monitor: consumer lag on the real platform', function () {
  this.timeout(120_000);
  const cleanups: Cleanup[] = [];
  let topic: string;
  let group: string;

  beforeEach(async function () {
    topic = randomTopic('bfmon.lag');
    group = randomId('bfmon_group');
    await createTopic(topic, 2);
    cleanups.push(async () => void (await deleteTopics([topic])));
  });
  afterEach(() => runCleanups(cleanups));

  const kafka = () => testKafka('bfmon-test');

  /** A consumer in the watched group that reads everything and commits as it goes. */
  async function consumeAll(): Promise<{ consumer: Consumer; received: () => number }> {
    const consumer = kafka().consumer({ groupId: group, allowAutoTopicCreation: false });
    let received = 0;
    await consumer.connect();
    cleanups.push(() => consumer.disconnect());
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({ eachMessage: async () => void (received += 1) });
    return { consumer, received: () => received };
  }

  it('lag per partition equals the unconsumed count, time lag is the age at the committed offset, and both drain to 0', async function () {
    const producer = await connectedProducer(kafka(), cleanups);
    // Stamped 10 minutes ago, one second apart: the age tells which offset the monitor fetched.
    const base = Date.now() - 600_000;
    await produceTo(producer, topic, 0, 10, (k) => base + k * 1000);
    await produceTo(producer, topic, 1, 6, (k) => base + k * 1000);
    // The group has read 4 messages of partition 0 and never committed on partition 1.
    const admin = kafka().admin();
    await admin.connect();
    await admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: '4' }] });
    await admin.disconnect();

    const monitor = await startTestMonitor({ MONITOR_GROUPS: group, MONITOR_TOPIC_PATTERN: exactly(topic) }, cleanups);
    const lag = await monitor.until((s) => {
      const l = lagByPartition(s, group, topic);
      return l?.get(0)?.lag === 6 && l.get(1)?.lag === 6 && l.get(0)?.seconds !== null && l.get(1)?.seconds !== null ? l : undefined;
    }, 'lag 6 and 6 with ages');
    expect([...lag.keys()].sort()).to.deep.equal([0, 1]);
    expect(lag.get(0)!.committed).to.equal(4);
    expect(lag.get(1)!.committed, 'no committed offset').to.equal(null);
    const age0 = lag.get(0)!.seconds!;
    const age1 = lag.get(1)!.seconds!;
    const expected0 = (Date.now() - (base + 4000)) / 1000;
    expect(age0).to.be.within(expected0 - 30, expected0 + 1); // offset 4's stamp, not offset 0's or 9's
    expect(age1 - age0, 'partition 1 waits at offset 0, 4 s older than offset 4').to.be.closeTo(4, 0.5);

    const metrics = await (await fetch(`${monitor.url}/metrics`)).text();
    expect(metrics).to.contain(`bellyfed_consumer_lag_messages{group="${group}",topic="${topic}",partition="0"} 6`);
    expect(metrics).to.contain(`bellyfed_consumer_lag_messages{group="${group}",topic="${topic}",partition="1"} 6`);

    const { received } = await consumeAll();
    await waitFor(() => received() === 12, 'the consumer to read the 12 unconsumed messages');
    const drained = await monitor.until((s) => {
      const l = lagByPartition(s, group, topic);
      return l?.get(0)?.lag === 0 && l.get(1)?.lag === 0 ? l : undefined;
    }, 'lag to drain to 0');
    expect(drained.get(0)).to.deep.equal({ lag: 0, seconds: 0, committed: 10 });
    expect(drained.get(1)).to.deep.equal({ lag: 0, seconds: 0, committed: 6 });
  });

  it('a stopped consumer turns the state critical within one interval plus the time-lag threshold', async function () {
    const criticalSeconds = 2;
    const monitor = await startTestMonitor({
      MONITOR_GROUPS: group,
      MONITOR_TOPIC_PATTERN: exactly(topic),
      MONITOR_LAG_WARNING_SECONDS: '1',
      MONITOR_LAG_CRITICAL_SECONDS: String(criticalSeconds),
    }, cleanups);
    const producer = await connectedProducer(kafka(), cleanups);
    const { consumer, received } = await consumeAll();
    await produceTo(producer, topic, 0, 3);
    await waitFor(() => received() === 3, 'the consumer to keep up');
    await monitor.until((s) => lagByPartition(s, group, topic)?.get(0)?.lag === 0, 'no lag while the consumer runs');

    await consumer.disconnect(); // the sink stops
    await produceTo(producer, topic, 1, 5);
    // "Within one interval plus the threshold" without a wall clock: every sample is taken one
    // interval after the last, so it suffices that no sample which saw the stalled partition's
    // age above the threshold was anything but critical — the first such sample turns it.
    const notCriticalOverThreshold: string[] = [];
    const critical = await monitor.until((s) => {
      const age = lagByPartition(s, group, topic)?.get(1)?.seconds;
      if (age != null && age > criticalSeconds && s.state !== 'critical') notCriticalOverThreshold.push(`${s.state} at ${age} s`);
      return s.reasons.find((r) => r.severity === 'critical' && r.source === 'consumers' && r.message.includes(topic));
    }, 'a critical time-lag reason for the stalled partition');
    expect(critical.message).to.contain('partition 1');
    expect(notCriticalOverThreshold).to.deep.equal([]);
    const status = await monitor.status();
    expect(status.state).to.equal('critical');
    expect(lagByPartition(status, group, topic)?.get(1)?.lag).to.equal(5);
  });

  it('`bellyfed lag --json` prints the same picture and exits 2 when critical', async function () {
    const producer = await connectedProducer(kafka(), cleanups);
    await produceTo(producer, topic, 0, 7);
    const env = {
      ...process.env,
      MONITOR_GROUPS: group,
      MONITOR_TOPIC_PATTERN: exactly(topic),
      MONITOR_LAG_WARNING_MESSAGES: '0',
      MONITOR_LAG_CRITICAL_MESSAGES: '5',
      CDC_TOPIC_PREFIX: randomId('bfmon'),
      SINK_DLQ_TOPIC: `${randomId('bfmon')}.dlq`,
      QUERY_URL: '',
    };
    const run = promisify(execFile);
    const result = await run(process.execPath, [join(PROJECT_ROOT, 'bin', 'bellyfed.js'), 'lag', '--json'], { env, timeout: 60_000 }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (err: { code?: number; stdout?: string }) => ({ code: err.code, stdout: err.stdout ?? '' }),
    );
    expect(result.code).to.equal(2);
    const status = JSON.parse(result.stdout) as PipelineStatus;
    expect(status.state).to.equal('critical');
    expect(lagByPartition(status, group, topic)).to.deep.equal(new Map([
      [0, { lag: 7, seconds: lagByPartition(status, group, topic)!.get(0)!.seconds, committed: null }],
      [1, { lag: 0, seconds: 0, committed: null }],
    ]));
    expect(status.reasons.some((r) => r.severity === 'critical' && r.message.includes(`lags 7 message(s) on ${topic}`))).to.equal(true);
  });
});
