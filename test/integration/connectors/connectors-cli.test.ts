/**
 * `bellyfed connectors …` against a real Kafka Connect worker (CONNECT_URL) with the Debezium
 * PostgreSQL connector, and PostgreSQL (DATABASE_URL, wal_level=logical, migrated). Each test
 * builds its own role, publication, slot, signal table and topics (cdc-fixture.ts) and removes them.
 */
import { expect } from 'chai';
import { createServer } from 'node:net';
import { readFile, writeFile } from 'node:fs/promises';
import pg from 'pg';
import { ConnectClient } from '../../../services/shared/connect/client.js';
import type { ConnectorStatus } from '../../../services/shared/connect/types.js';
import { loadConfig, type Config } from '../../../services/shared/config.js';
import { isBellyfedError } from '../../../services/shared/errors.js';
import { assertLocalUrl } from '../../helpers/local-only.js';
import { waitFor } from '../../helpers/wait.js';
import { createCdcFixture, topicMessageCount, type CdcFixture, type Cleanup } from './cdc-fixture.js';
import { runConnectorsCli } from './run-cli.js';
import { requirePlatform } from '../../helpers/platform-env.js';

const CONNECT_URL = process.env.CONNECT_URL;
const STATE_TIMEOUT = { timeoutMs: 60_000, intervalMs: 250 };

describe('connectors CLI against Kafka Connect', function () {
  this.timeout(180_000);
  let config: Config;
  let pool: pg.Pool;
  let client: ConnectClient;
  let cleanups: Cleanup[] = [];

  before(async function () {
    requirePlatform('CONNECT_URL');
    config = loadConfig();
    assertLocalUrl(config.connect.url, 'CONNECT_URL');
    assertLocalUrl(config.database.url, 'DATABASE_URL');
    client = new ConnectClient(config.connect);
    pool = new pg.Pool({ connectionString: config.database.url, max: 2 });
    const walLevel = (await pool.query<{ wal_level: string }>('SHOW wal_level')).rows[0]!.wal_level;
    if (walLevel !== 'logical') throw new Error(`DATABASE_URL has wal_level=${walLevel}; these tests need logical (bellyfed local up)`);
    if ((await pool.query("SELECT to_regclass('public.categories') AS t")).rows[0].t === null) {
      throw new Error('DATABASE_URL has no app tables: run `bellyfed db migrate` first');
    }
  });

  after(async () => {
    await pool?.end();
  });

  afterEach(async () => {
    const failures: unknown[] = [];
    for (const cleanup of cleanups.reverse()) await cleanup().catch((err: unknown) => failures.push(err));
    cleanups = [];
    if (failures.length > 0) throw new Error(`cleanup failed: ${failures.map(String).join('; ')}`);
  });

  const fixture = () => createCdcFixture(pool, config, client, cleanups);
  const cli = (f: CdcFixture, ...args: string[]) => runConnectorsCli(['--dir', f.dir, ...args], f.env);
  const stateOf = (s: ConnectorStatus) => [s.connector.state, ...s.tasks.map((t) => t.state)];
  const waitForState = (name: string, state: string) =>
    waitFor(async () => {
      const status = await client.status(name);
      return status.tasks.length > 0 && stateOf(status).every((s) => s === state) ? status : undefined;
    }, `${name} to be ${state}`, STATE_TIMEOUT);

  async function applied(f: CdcFixture): Promise<void> {
    await f.writeConnector();
    const result = await cli(f, 'apply', f.name);
    expect(result.exitCode, String(result.error)).to.equal(0);
    await waitForState(f.name, 'RUNNING');
  }

  it('apply creates a connector, then does nothing, then changes only what differs', async () => {
    const f = await fixture();
    await f.writeConnector();

    const created = await cli(f, 'apply', f.name);
    expect(created.exitCode, String(created.error)).to.equal(0);
    expect(created.stdout).to.contain(`${f.name}: create`).and.contain(`${f.name}: created`);
    expect(created.stdout).to.contain('+ database.password = ********').and.not.contain(f.password);
    await waitForState(f.name, 'RUNNING');

    const again = await cli(f, 'apply', f.name);
    expect(again.exitCode).to.equal(0);
    expect(again.stdout).to.equal(`${f.name}: unchanged, nothing to do`);

    const file = JSON.parse(await readFile(f.file, 'utf8'));
    file.config['heartbeat.interval.ms'] = '15000';
    await writeFile(f.file, JSON.stringify(file));
    const dryRun = await cli(f, 'apply', '--dry-run', f.name);
    expect(dryRun.stdout).to.contain(`${f.name}: would update (1 setting)\n  ~ heartbeat.interval.ms: 10000 -> 15000`);
    expect((await client.findConfig(f.name))!['heartbeat.interval.ms']).to.equal('10000');

    const changed = await cli(f, 'apply', f.name);
    expect(changed.exitCode, String(changed.error)).to.equal(0);
    expect(changed.stdout).to.contain(`${f.name}: updated`);
    expect((await client.findConfig(f.name))!['heartbeat.interval.ms']).to.equal('15000');
  });

  it('validate names the wrong field and exits 1; a good file validates', async () => {
    const f = await fixture();
    await f.writeConnector((c) => {
      c['decimal.handling.mode'] = 'floaty';
    });
    const bad = await cli(f, 'validate', f.name);
    expect(bad.exitCode).to.equal(1);
    expect(bad.stdout).to.match(/decimal\.handling\.mode: .*(precise|string|double)/);
    expect(bad.stdout).not.to.contain(f.password);

    await f.writeConnector();
    const good = await cli(f, 'validate', f.name);
    expect(good.exitCode, good.stdout).to.equal(0);
    expect(good.stdout).to.equal(`${f.name}: valid`);
  });

  it('pause and resume change the state; delete removes the connector and mentions the slot', async () => {
    const f = await fixture();
    await applied(f);

    expect((await cli(f, 'pause', f.name)).exitCode).to.equal(0);
    await waitForState(f.name, 'PAUSED');
    expect((await cli(f, 'resume', f.name)).exitCode).to.equal(0);
    await waitForState(f.name, 'RUNNING');

    const deleted = await cli(f, 'delete', f.name);
    expect(deleted.exitCode, String(deleted.error)).to.equal(0);
    expect(deleted.stdout).to.contain(`${f.name}: deleted`).and.contain(`pg_drop_replication_slot('${f.slot}')`);
    expect(await client.findConfig(f.name)).to.equal(undefined);
  });

  it('restart brings the connector back to RUNNING, also with --failed-only', async () => {
    const f = await fixture();
    await applied(f);
    const restarted = await cli(f, 'restart', f.name);
    expect(restarted.exitCode, String(restarted.error)).to.equal(0);
    expect(restarted.stdout).to.equal(`${f.name}: restart requested`);
    await waitForState(f.name, 'RUNNING');
    expect((await cli(f, 'restart', '--failed-only', f.name)).exitCode).to.equal(0);
    await waitForState(f.name, 'RUNNING');
  });

  it('status shows a FAILED task with its trace and exits 1', async () => {
    const f = await fixture();
    // A publication that does not exist: the task fails at start, whatever the server's authentication.
    await f.writeConnector((c) => {
      c['publication.name'] = `${f.id}_missing`;
    });
    const created = await cli(f, 'apply', f.name);
    expect(created.exitCode, String(created.error)).to.equal(0);
    await waitFor(async () => (await client.status(f.name)).tasks.some((t) => t.state === 'FAILED'), `${f.name} task to fail`, STATE_TIMEOUT);

    const status = await cli(f, 'status', f.name);
    expect(status.exitCode).to.equal(1);
    expect(status.stdout).to.contain('task 0: FAILED').and.contain('Publication autocreation is disabled');
    const json = await cli(f, 'status', '--json', f.name);
    expect(json.exitCode).to.equal(1);
    expect(JSON.parse(json.stdout)[0]).to.include({ name: f.name, failed: true });
  });

  it('snapshot signals an incremental snapshot that re-reads the table into its topic', async () => {
    const f = await fixture();
    // A row written before the connector's slot exists is not in its stream: only a snapshot can emit it.
    const categoryId = (await pool.query<{ id: string }>('SELECT gen_random_uuid() AS id')).rows[0]!.id;
    await pool.query("INSERT INTO public.categories (category_id, kind, slug, name) VALUES ($1, 'feature', $2, 'CDC test')", [
      categoryId,
      f.name,
    ]);
    cleanups.push(async () => void (await pool.query('DELETE FROM public.categories WHERE category_id = $1', [categoryId])));
    await applied(f);
    const topic = `${f.topicPrefix}.public.categories`;
    expect(await topicMessageCount(config, topic)).to.equal(0);

    const unknown = await cli(f, 'snapshot', '--connector', f.name, 'no_such_table');
    expect(unknown.exitCode).to.equal(2);
    expect(isBellyfedError(unknown.error, 'CLI_USAGE')).to.equal(true);

    const signalled = await cli(f, 'snapshot', '--connector', f.name, 'categories');
    expect(signalled.exitCode, String(signalled.error)).to.equal(0);
    expect(signalled.stdout).to.contain(`written to ${f.signalTable}: incremental snapshot of public.categories`);
    await waitFor(async () => (await topicMessageCount(config, topic)) > 0, `snapshot rows in ${topic}`, STATE_TIMEOUT);
  });

  it('names an unknown connector and an unreachable Connect', async () => {
    const f = await fixture();
    const unknown = await cli(f, 'status', `${f.name}-absent`);
    expect(unknown.exitCode).to.equal(1);
    expect(isBellyfedError(unknown.error, 'CONNECTOR_NOT_FOUND')).to.equal(true);

    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const url = `http://127.0.0.1:${closedPort}`;
    const unreachable = await runConnectorsCli(['list'], { ...f.env, CONNECT_URL: url });
    expect(unreachable.exitCode).to.equal(1);
    expect(isBellyfedError(unreachable.error, 'CONNECT_UNREACHABLE')).to.equal(true);
    expect(unreachable.error!.message).to.contain(url);
  });
});
