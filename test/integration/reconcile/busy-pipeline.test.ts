/**
 * The reconciler on the real pipeline (PostgreSQL → Debezium → Kafka → sink → DynamoDB): exact
 * equality once the sink has caught up, and still zero while changes flow through it — the
 * in-flight rules and settle rounds at work (docs/RECONCILE.md).
 */
import { expect } from 'chai';
import { reconcile, isEqual, reportText } from '../../../services/reconcile/index.js';
import { startSink } from '../../../services/sink/index.js';
import { DynamoCalls } from '../../../services/shared/dynamodb/calls.js';
import { NO_STATS } from '../../../services/shared/dynamodb/stats.js';
import { deleteTopics } from '../../helpers/kafka.js';
import { quietLogger } from '../../helpers/postgres.js';
import { createTestTable, sinkConfig, useSeededSource, waitUntilExact } from '../../helpers/sink.js';

const FAST = { topicRefreshMs: 500, copySettleMs: 1000, fenceRefreshMs: 500, watermarkFlushMs: 200 };

describe('reconcile on the running pipeline', function () {
  this.timeout(300_000);
  const suite = useSeededSource(20);

  it('reports exact equality once the sink has caught up, and zero while changes are in flight', async () => {
    const config = sinkConfig(suite.source);
    const table = config.dynamodb.table;
    suite.cleanups.push(await createTestTable(suite.dynamo, table));
    suite.cleanups.push(() => deleteTopics([config.sink.dlqTopic]));
    const sink = await startSink(config, quietLogger, { tuning: FAST });
    suite.cleanups.push(() => sink.close());
    await waitUntilExact(suite.source, suite.dynamo, table);

    const pool = suite.source.db.pool;
    const calls = new DynamoCalls(suite.dynamo, table, { policy: { baseMs: 20, maxMs: 500, maxAttempts: 5 } }, NO_STATS);
    const options = { table: undefined, repair: false, json: true, settleSeconds: 90, segments: 4, limit: 20 };
    const converged = await reconcile({ pool, calls }, options);
    expect(isEqual(converged), reportText(converged, 20)).to.equal(true);
    expect(converged.rows).to.be.greaterThan(1000);
    expect(converged.items).to.equal(converged.rows);

    // Changes flow during the whole run: reviews (own columns), users (a copy fanned out to
    // their reviews), restaurants (a copy onto memberships, and a key move in the listing).
    const { rows: reviews } = await pool.query<{ review_id: string }>('SELECT review_id FROM reviews ORDER BY review_id LIMIT 40');
    const { rows: users } = await pool.query<{ user_id: string }>('SELECT user_id FROM users ORDER BY user_id LIMIT 5');
    const { rows: restaurants } = await pool.query<{ restaurant_id: string }>('SELECT restaurant_id FROM restaurants ORDER BY restaurant_id LIMIT 5');
    let stop = false;
    let changes = 0;
    const writer = (async () => {
      while (!stop) {
        const n = changes++;
        await pool.query('UPDATE reviews SET rating = 1 + ($2::int % 5), updated_at = now() WHERE review_id = $1', [reviews[n % reviews.length]!.review_id, n]);
        if (n % 5 === 0) await pool.query('UPDATE users SET display_name = $2 WHERE user_id = $1', [users[n % users.length]!.user_id, `user ${n}`]);
        if (n % 7 === 0) await pool.query('UPDATE restaurants SET name = $2, updated_at = now() WHERE restaurant_id = $1', [restaurants[n % restaurants.length]!.restaurant_id, `Busy ${n}`]);
        // A steady rate, not a wait for a condition: the pipeline is busy, not flooded.
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    let busy;
    try {
      busy = await reconcile({ pool, calls }, options);
    } finally {
      stop = true;
      await writer;
    }
    expect(changes).to.be.greaterThan(10);
    expect(isEqual(busy), reportText(busy, 20)).to.equal(true);
    expect(busy.remaining).to.deep.equal([]);
  });
});
