/**
 * Stalls the monitor must call critical, on the real platform and in isolation: a paused source
 * connector (a throwaway one with its own slot and publication, cdc-fixture.ts), and a
 * replication slot nobody consumes (a throwaway logical slot in a random database) whose
 * retained WAL grows. Nothing shared is paused or dropped.
 */
import { expect } from 'chai';
import pg from 'pg';
import { ConnectClient } from '../../../services/shared/connect/client.js';
import type { SlotStatus } from '../../../services/monitor/types.js';
import { loadConfig } from '../../../services/shared/config.js';
import { createDatabase, type TestDatabase } from '../../helpers/postgres.js';
import { createCdcFixture } from '../connectors/cdc-fixture.js';
import { runConnectorsCli } from '../connectors/run-cli.js';
import { monitorConfig, randomId, runCleanups, startTestMonitor, type Cleanup } from './monitor-fixture.js';

describe('monitor: stalls on the real platform', function () {
  this.timeout(180_000);
  const cleanups: Cleanup[] = [];
  afterEach(() => runCleanups(cleanups));

  it('a paused connector is critical, and ok again once resumed', async function () {
    const config = monitorConfig({});
    const pool = new pg.Pool({ connectionString: config.database.url, max: 2 });
    cleanups.push(() => pool.end());
    const client = new ConnectClient(config.connect);
    const fixture = await createCdcFixture(pool, loadConfig(process.env), client, cleanups);
    await fixture.writeConnector();
    const applied = await runConnectorsCli(['--dir', fixture.dir, 'apply'], fixture.env);
    expect(applied.exitCode, applied.stdout).to.equal(0);

    const monitor = await startTestMonitor({ MONITOR_CONNECTORS: fixture.name, MONITOR_SLOT_NAME: fixture.slot }, cleanups);
    const connectorOf = (s: Awaited<ReturnType<typeof monitor.status>>) => (s.connectors.status === 'ok' ? s.connectors.data[0] : undefined);
    await monitor.until((s) => connectorOf(s)?.state === 'RUNNING' && connectorOf(s)?.tasks[0]?.state === 'RUNNING', 'the throwaway connector to run', 90_000);
    const before = await monitor.status();
    expect(before.reasons.filter((r) => r.source === 'connectors')).to.deep.equal([]);

    await client.pause(fixture.name);
    const paused = await monitor.until(
      (s) => s.state === 'critical' && s.reasons.find((r) => r.source === 'connectors' && r.severity === 'critical'),
      'critical for the paused connector',
    );
    expect(paused.message).to.equal(`connector ${fixture.name} is PAUSED: no change is captured while it is not RUNNING`);
    const metrics = await (await fetch(`${monitor.url}/metrics`)).text();
    expect(metrics).to.contain(`bellyfed_connector_state{connector="${fixture.name}",state="PAUSED"} 1`);

    await client.resume(fixture.name);
    await monitor.until((s) => connectorOf(s)?.state === 'RUNNING' && !s.reasons.some((r) => r.source === 'connectors'), 'the connector reason to clear', 60_000);
  });

  it('a slot with no consumer is inactive, critical after the configured time, and its retained WAL grows and is reported', async function () {
    const db: TestDatabase = await createDatabase({ prefix: 'bfmon_slot' });
    cleanups.push(() => db.drop());
    const slot = randomId('bfmon_slot');
    await db.pool.query("SELECT pg_create_logical_replication_slot($1, 'pgoutput')", [slot]);
    cleanups.push(async () => void (await db.pool.query('SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1', [slot])));

    const monitor = await startTestMonitor({ MONITOR_SLOT_NAME: slot, MONITOR_SLOT_INACTIVE_CRITICAL_SECONDS: '1', MONITOR_WAL_WARNING_BYTES: '1', MONITOR_WAL_CRITICAL_BYTES: '1000000000' }, cleanups);
    const slotOf = (s: Awaited<ReturnType<typeof monitor.status>>): SlotStatus | undefined => (s.slot.status === 'ok' ? s.slot.data : undefined);
    const first = await monitor.until((s) => (slotOf(s)?.exists ? slotOf(s) : undefined), 'the slot to be seen');
    expect(first.active).to.equal(false);
    expect(first.name).to.equal(slot);

    // Write WAL the slot has to keep: nothing confirms it.
    await db.pool.query('CREATE TABLE filler (id serial PRIMARY KEY, payload text)');
    await db.pool.query("INSERT INTO filler (payload) SELECT repeat('x', 200) FROM generate_series(1, 5000)");
    const grown = await monitor.until((s) => {
      const seen = slotOf(s);
      return seen?.retainedWalBytes !== null && seen!.retainedWalBytes! > (first.retainedWalBytes ?? 0) + 1_000_000 ? seen : undefined;
    }, 'retained WAL to grow by more than 1 MB');
    expect(grown.active).to.equal(false);

    // Waits for this slot's reason itself: another source may be critical first on a shared platform.
    const status = await monitor.until((s) => (s.reasons.some((r) => r.source === 'slot' && r.severity === 'critical') ? s : undefined), 'critical for the inactive slot');
    expect(status.state).to.equal('critical');
    const slotReasons = status.reasons.filter((r) => r.source === 'slot');
    expect(slotReasons.find((r) => r.severity === 'critical')?.message).to.match(new RegExp(`^replication slot ${slot} is inactive \\(no connector streaming from it\\) for \\d`));
    expect(slotReasons.find((r) => r.severity === 'warning')?.message).to.match(new RegExp(`^replication slot ${slot} retains \\d+(\\.\\d+)? (KiB|MiB) of WAL`));

    const metrics = await (await fetch(`${monitor.url}/metrics`)).text();
    expect(metrics).to.contain(`bellyfed_replication_slot_active{slot="${slot}"} 0`);
    const walLine = metrics.split('\n').find((l) => l.startsWith(`bellyfed_replication_slot_retained_wal_bytes{slot="${slot}"}`));
    expect(Number(walLine?.split(' ')[1])).to.be.above(1_000_000);
  });
});
