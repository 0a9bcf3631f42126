/**
 * The monitor's consumer lag against the real sink: a backlog captured by Debezium while the
 * sink is stopped shows, per partition, exactly the events nobody consumed; once the sink
 * runs, the monitor sees the lag drain to zero.
 */
import { expect } from 'chai';
import { readConsumerLag } from '../../../services/monitor/sources/consumer-lag.js';
import type { GroupLag } from '../../../services/monitor/types.js';
import { startSink } from '../../../services/sink/index.js';
import { CAPTURED_TABLES } from '../../../services/connectors/index.js';
import { withAdmin } from '../../helpers/kafka.js';
import { quietLogger } from '../../helpers/postgres.js';
import { createTestTable, sinkConfig, useSeededSource } from '../../helpers/sink.js';
import { waitFor } from '../../helpers/wait.js';

// Message lag is what this test is about; the age of the oldest message is tested elsewhere.
const NO_TIMESTAMPS = { timestamps: async () => new Map<string, number>(), close: async () => undefined };

describe('monitor: lag of the real sink', function () {
  this.timeout(240_000);
  const suite = useSeededSource(8);

  it('equals the unconsumed events per partition while the sink is stopped, and drains to 0 once it runs', async () => {
    const config = sinkConfig(suite.source);
    suite.cleanups.push(await createTestTable(suite.dynamo, config.dynamodb.table));
    // The app tables' topics only: the heartbeat topic grows every second on its own.
    const appTopics = new RegExp(`^${suite.source.topicPrefix}\\.public\\.(${CAPTURED_TABLES.join('|')})$`);
    const lag = () => withAdmin((admin) => readConsumerLag({ admin, timestamps: NO_TIMESTAMPS, groups: [config.sink.groupId], topicPattern: appTopics, now: Date.now }));
    const { rows } = await suite.source.db.pool.query<{ n: number }>(
      `SELECT ${CAPTURED_TABLES.map((t) => `(SELECT count(*) FROM ${t})`).join(' + ')} AS n`,
    );
    const snapshotEvents = Number(rows[0]?.n);
    expect(snapshotEvents).to.be.greaterThan(100);

    // The whole snapshot is in Kafka, and no consumer of this group has read any of it.
    const backlog = await waitFor(async () => {
      const [group] = await lag();
      const total = group?.partitions.reduce((n, p) => n + p.lagMessages, 0) ?? 0;
      return total === snapshotEvents ? (group as GroupLag) : undefined;
    }, `the monitor to see all ${snapshotEvents} snapshot events as lag`, { timeoutMs: 90_000, intervalMs: 500 });
    for (const p of backlog.partitions) {
      expect(p.committedOffset, `${p.topic}[${p.partition}] has no commit yet`).to.equal(null);
      expect(p.lagMessages, `${p.topic}[${p.partition}]`).to.equal(p.endOffset - p.lowOffset);
    }

    const sink = await startSink(config, quietLogger, { tuning: { topicRefreshMs: 500 } });
    suite.cleanups.push(() => sink.close());
    const drained = await waitFor(async () => {
      const [group] = await lag();
      return group && group.partitions.length > 0 && group.partitions.every((p) => p.lagMessages === 0) ? group : undefined;
    }, 'the lag to drain to 0 on every partition', { timeoutMs: 120_000, intervalMs: 500 });
    // Every partition that held events has its commit at the end; an empty one needs none.
    for (const p of drained.partitions) {
      if (p.endOffset > p.lowOffset) expect(p.committedOffset, `${p.topic}[${p.partition}]`).to.equal(p.endOffset);
    }
  });
});
