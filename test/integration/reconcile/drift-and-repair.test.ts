/**
 * The reconciler on a database nobody streams: the table is built with the sink's own transform
 * (load-projection.ts), so nothing is in flight and every difference is drift we made. Runs the
 * real CLI as a child process for the exit status and the --json document.
 */
import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DeleteItemCommand, GetItemCommand, PutItemCommand, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { expect } from 'chai';
import { loadProjection } from '../../../bench/reconcile/load-projection.js';
import { reconcile, type ReportJson } from '../../../services/reconcile/index.js';
import { PROJECT_ROOT } from '../../../services/shared/paths.js';
import { DynamoCalls } from '../../../services/shared/dynamodb/calls.js';
import { NO_STATS } from '../../../services/shared/dynamodb/stats.js';
import type { DynamoPort } from '../../../services/shared/dynamodb/port.js';
import { formatVersion, STREAM_CLASS } from '../../../services/model/version.js';
import { cloneSeeded, type TestDatabase } from '../../helpers/postgres.js';
import { createTestTable, testDynamo } from '../../helpers/sink.js';
import { requirePlatform } from '../../helpers/platform-env.js';

const run = promisify(execFile);
const DYNAMODB_ENDPOINT = process.env.DYNAMODB_ENDPOINT;
/** Higher than any snapshot this machine will take: "a newer change". */
const FUTURE = formatVersion(STREAM_CLASS, 0x7fff_ffff_ffffn, 0x7fff_ffff_ffffn);

interface CliRun {
  code: number;
  doc: ReportJson;
  stderr: string;
}

describe('reconcile: drift pinpointed and repaired', function () {
  this.timeout(300_000);
  let db: TestDatabase;
  let dynamo: DynamoDBClient;
  let table: string;
  const cleanups: Array<() => Promise<unknown>> = [];

  before(async function () {
    requirePlatform('DYNAMODB_ENDPOINT');
    db = await cloneSeeded();
    cleanups.push(() => db.drop());
    dynamo = testDynamo();
    table = `recontest_${randomBytes(4).toString('hex')}`;
    cleanups.push(await createTestTable(dynamo, table));
    await loadProjection(db.pool, dynamo, table);
  });

  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    dynamo?.destroy();
  });

  async function cli(...args: string[]): Promise<CliRun> {
    const env = { ...process.env, DATABASE_URL: db.url, DYNAMODB_TABLE: table, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
    try {
      const { stdout, stderr } = await run(process.execPath, [join(PROJECT_ROOT, 'bin/bellyfed.js'), 'reconcile', '--json', ...args], { env });
      return { code: 0, doc: JSON.parse(stdout) as ReportJson, stderr };
    } catch (err) {
      const e = err as { code?: number; stdout?: string; stderr?: string };
      return { code: e.code ?? -1, doc: (e.stdout ? JSON.parse(e.stdout) : undefined) as ReportJson, stderr: e.stderr ?? '' };
    }
  }

  const calls = (port: DynamoPort = dynamo) => new DynamoCalls(port, table, { policy: { baseMs: 20, maxMs: 500, maxAttempts: 5 } }, NO_STATS);
  const options = { table: undefined, repair: false, json: true, settleSeconds: 5, segments: 4, limit: 100 };
  const one = async <T>(sql: string) => (await db.pool.query(sql)).rows[0] as T;

  it('reports exact equality on a converged projection: exit 0, every row compared', async () => {
    const { code, doc } = await cli();
    expect(code).to.equal(0);
    expect(doc.equal).to.equal(true);
    const { n } = await one<{ n: number }>(`SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM restaurants) + (SELECT count(*) FROM categories)
      + (SELECT count(*) FROM restaurant_categories) + (SELECT count(*) FROM menu_items) + (SELECT count(*) FROM reviews)
      + (SELECT count(*) FROM rankings) + (SELECT count(*) FROM favorites) AS n`);
    expect(doc.totals).to.include({ rows: Number(n), items: Number(n), missing: 0, extra: 0, different: 0 });
    expect(doc.differences).to.deep.equal([]);
  });

  it('pinpoints each kind of drift with its attributes (exit 1), then --repair fixes it and a second run reports zero', async () => {
    const menuItem = await one<{ item_id: string }>('SELECT item_id FROM menu_items ORDER BY item_id LIMIT 1');
    const review = await one<{ review_id: string; rating: number }>('SELECT review_id, rating FROM reviews ORDER BY review_id LIMIT 1');
    const restaurant = await one<{ restaurant_id: string }>('SELECT restaurant_id FROM restaurants ORDER BY restaurant_id LIMIT 1');
    const orphan = randomUUID();
    // DynamoDB drifts: an item lost, an orphan, an attribute changed and one added.
    await dynamo.send(new DeleteItemCommand({ TableName: table, Key: { pk: { S: `MENU_ITEM#${menuItem.item_id}` }, sk: { S: 'MENU_ITEM' } } }));
    await dynamo.send(new PutItemCommand({ TableName: table, Item: { pk: { S: `REVIEW#${orphan}` }, sk: { S: 'REVIEW' }, _type: { S: 'review' }, rating: { N: '4' } } }));
    await dynamo.send(new UpdateItemCommand({
      TableName: table, Key: { pk: { S: `REVIEW#${review.review_id}` }, sk: { S: 'REVIEW' } },
      UpdateExpression: 'SET rating = :r, junk = :j', ExpressionAttributeValues: { ':r': { N: String(review.rating === 1 ? 2 : 1) }, ':j': { S: 'x' } },
    }));
    // PostgreSQL changes without the pipeline: nobody streams this database.
    await db.pool.query("UPDATE restaurants SET price_level = 5 - price_level, description = 'changed behind the pipeline' WHERE restaurant_id = $1", [restaurant.restaurant_id]);

    const found = await cli();
    expect(found.code).to.equal(1);
    expect(found.doc.equal).to.equal(false);
    const byKey = Object.fromEntries(found.doc.differences.map((d) => [d.pk, d]));
    expect(byKey[`MENU_ITEM#${menuItem.item_id}`]).to.include({ kind: 'missing', table: 'menu_items' });
    expect(byKey[`REVIEW#${orphan}`]).to.include({ kind: 'extra', table: 'reviews' });
    expect(byKey[`REVIEW#${review.review_id}`]?.kind).to.equal('different');
    expect(byKey[`REVIEW#${review.review_id}`]?.attributes.map((a) => a.name)).to.deep.equal(['junk', 'rating']);
    expect(byKey[`RESTAURANT#${restaurant.restaurant_id}`]?.attributes.map((a) => a.name)).to.deep.equal(['description', 'price_level', 'updated_at']);
    // The restaurant summary copy on each of its memberships differs too (price_level is a summary column).
    const memberships = found.doc.differences.filter((d) => d.table === 'restaurant_categories');
    expect(memberships.length).to.be.greaterThan(0);
    for (const m of memberships) expect(m.attributes.map((a) => a.name)).to.deep.equal(['price_level']);
    expect(found.doc.totals).to.include({ missing: 1, extra: 1, different: 2 + memberships.length });
    expect(found.doc.tables.menu_items).to.include({ missing: 1 });

    const onlyReviews = await cli('--table', 'reviews');
    expect(onlyReviews.code).to.equal(1);
    expect(onlyReviews.doc.differences.map((d) => d.table)).to.deep.equal(['reviews', 'reviews']);
    expect(Object.keys(onlyReviews.doc.tables)).to.deep.equal(['reviews']);

    const repaired = await cli('--repair');
    expect(repaired.code, repaired.stderr).to.equal(0);
    expect(repaired.doc.equal).to.equal(true);
    expect(repaired.doc.repair).to.include({ found: found.doc.differences.length, put: found.doc.differences.length - 1, tombstone: 1, delete: 0, skippedNewer: 0 });

    const again = await cli();
    expect(again.code).to.equal(0);
    expect(again.doc.totals).to.include({ missing: 0, extra: 0, different: 0 });
    // The orphan is now a tombstone (replays of older puts stay blocked), the extra attribute gone.
    const orphanItem = await dynamo.send(new GetItemCommand({ TableName: table, Key: { pk: { S: `REVIEW#${orphan}` }, sk: { S: 'REVIEW' } }, ConsistentRead: true }));
    expect(orphanItem.Item?._deleted).to.deep.equal({ BOOL: true });
    const reviewItem = await dynamo.send(new GetItemCommand({ TableName: table, Key: { pk: { S: `REVIEW#${review.review_id}` }, sk: { S: 'REVIEW' } }, ConsistentRead: true }));
    expect(reviewItem.Item?.junk).to.equal(undefined);
  });

  it('never overwrites a newer item: one newer than the snapshot is not a difference, and a write racing the repair wins', async () => {
    const [a, b] = (await db.pool.query<{ review_id: string }>('SELECT review_id FROM reviews ORDER BY review_id DESC LIMIT 2')).rows;
    const keyOf = (id: string) => ({ pk: { S: `REVIEW#${id}` }, sk: { S: 'REVIEW' } });
    // a: a newer change (higher version than any snapshot) holding another title: in flight, left alone.
    await dynamo.send(new UpdateItemCommand({
      TableName: table, Key: keyOf(a!.review_id), UpdateExpression: 'SET title = :t, #v = :v',
      ExpressionAttributeNames: { '#v': '_v' }, ExpressionAttributeValues: { ':t': { S: 'newer title' }, ':v': { S: FUTURE } },
    }));
    // b: drifted (old version); the sink writes a newer state between the repair's read and its write.
    await dynamo.send(new UpdateItemCommand({ TableName: table, Key: keyOf(b!.review_id), UpdateExpression: 'SET title = :t', ExpressionAttributeValues: { ':t': { S: 'drifted' } } }));
    let raced = false;
    const racingPort: DynamoPort = {
      async send(command, opts) {
        const input = command.input as { Item?: Record<string, { S?: string }> };
        if (!raced && command.constructor.name === 'PutItemCommand' && input.Item?.pk?.S === `REVIEW#${b!.review_id}`) {
          raced = true;
          await dynamo.send(new UpdateItemCommand({
            TableName: table, Key: keyOf(b!.review_id), UpdateExpression: 'SET title = :t, #v = :v',
            ExpressionAttributeNames: { '#v': '_v' }, ExpressionAttributeValues: { ':t': { S: 'sink wrote this' }, ':v': { S: FUTURE } },
          }));
        }
        return dynamo.send(command, opts);
      },
    };
    const result = await reconcile({ pool: db.pool, calls: calls(racingPort) }, { ...options, repair: true });
    expect(raced).to.equal(true);
    expect(result.repair).to.include({ found: 1, put: 0, skippedNewer: 1 });
    expect(result.remaining).to.deep.equal([]);
    expect(result.passCounts.get('reviews')?.inFlight).to.equal(1);
    const stored = async (id: string) => (await dynamo.send(new GetItemCommand({ TableName: table, Key: keyOf(id), ConsistentRead: true }))).Item;
    expect((await stored(a!.review_id))?.title).to.deep.equal({ S: 'newer title' });
    expect((await stored(b!.review_id))?.title).to.deep.equal({ S: 'sink wrote this' });
  });
});
