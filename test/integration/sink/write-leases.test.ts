/**
 * The per-partition write lease against the platform's DynamoDB API (dynalite): two workers
 * contend for one partition. A takeover of a lease that was not released waits a lease duration
 * and fences the old holder out; a released lease passes on at once with its exact horizon; the
 * replay zone goes through the guarded path; concurrent requests of one batch share one renewal.
 * Timings are shortened (the protocol only needs their order), and a test table is private.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { isBellyfedError } from '../../../services/shared/errors.js';
import { DynamoCalls } from '../../../services/shared/dynamodb/calls.js';
import { readLease } from '../../../services/sink/writer/lease/store.js';
import type { LeaseTiming } from '../../../services/sink/writer/lease/protocol.js';
import { WriteLeases } from '../../../services/sink/writer/lease/write-leases.js';
import { CountingStats } from '../../../services/shared/dynamodb/stats.js';
import { quietLogger } from '../../helpers/postgres.js';
import { createTestTable, testDynamo } from '../../helpers/sink.js';
import { waitFor } from '../../helpers/wait.js';
import { requirePlatform } from '../../helpers/platform-env.js';

const DYNAMODB_ENDPOINT = process.env.DYNAMODB_ENDPOINT;
const timing: LeaseTiming = { durationMs: 1200, marginMs: 500, requestTimeoutMs: 200, horizonStep: 100n };
const partition = { topic: 'bellyfed.public.reviews', partition: 0 };

describe('sink write lease on DynamoDB', function () {
  this.timeout(60_000);
  let client: ReturnType<typeof testDynamo>;
  const table = `leases-${randomUUID().slice(0, 8)}`;
  let dropTable: (() => Promise<void>) | undefined;
  let heartbeats = 0;

  before(async function () {
    requirePlatform('DYNAMODB_ENDPOINT');
    client = testDynamo();
    dropTable = await createTestTable(client, table);
  });
  after(async () => {
    await dropTable?.();
    client?.destroy();
  });

  function worker(name: string): { leases: WriteLeases; calls: DynamoCalls; stats: CountingStats } {
    const stats = new CountingStats();
    const calls = new DynamoCalls(client!, table, {
      policy: { baseMs: 10, maxMs: 50, maxAttempts: 3 }, onWait: async () => void heartbeats++,
    }, stats);
    return { leases: new WriteLeases(name, calls, timing, quietLogger), calls, stats };
  }

  it('a takeover waits out the holder, fences it, and replays its horizon guarded', async () => {
    const a = worker('worker-a');
    const b = worker('worker-b');
    const permitA = await a.leases.permitFor(a.calls, partition, 0n, 49n);
    expect(permitA, 'no lease yet: blind writes at once').to.not.equal(undefined);
    await permitA!.beforeRequest();
    expect((await readLease(a.calls, partition))?.horizon).to.equal(149n);
    a.leases.batchEnded(partition);

    // B takes over without a release (A "crashed"): it waits a whole lease duration, heartbeating.
    heartbeats = 0;
    const takenAt = performance.now();
    const permitB = await b.leases.permitFor(b.calls, partition, 20n, 60n);
    expect(performance.now() - takenAt, 'the wait covers the old holder').to.be.at.least(timing.durationMs - 5);
    expect(heartbeats).to.be.at.least(1);
    expect(permitB, 'offsets 20..60 lie in A\'s horizon (149): guarded').to.equal(undefined);
    b.leases.batchEnded(partition);

    // A comes back: its renewal fails, it may not write blindly any more.
    const lateA = await a.leases.permitFor(a.calls, partition, 50n, 300n);
    const err = await lateA!.beforeRequest().then(() => undefined, (e: unknown) => e);
    expect(isBellyfedError(err, 'SINK_LEASE_LOST'), String(err)).to.equal(true);
    a.leases.batchEnded(partition);

    // Past the replay zone B writes blindly, and the horizon moves ahead of it.
    const pastZone = await b.leases.permitFor(b.calls, partition, 150n, 180n);
    expect(pastZone).to.not.equal(undefined);
    await pastZone!.beforeRequest();
    expect(await readLease(b.calls, partition)).to.include({ owner: 'worker-b', released: false, horizon: 280n });
    b.leases.batchEnded(partition);
    await b.leases.releaseAll();
  });

  it('a released lease passes on at once, with the exact horizon of what was written blindly', async () => {
    const c = worker('worker-c');
    const d = worker('worker-d');
    const permitC = await c.leases.permitFor(c.calls, partition, 181n, 230n);
    await permitC!.beforeRequest();
    c.leases.batchEnded(partition);
    await c.leases.releaseAll();
    expect(await readLease(c.calls, partition)).to.include({ owner: 'worker-c', released: true, horizon: 230n });

    heartbeats = 0;
    expect(await d.leases.permitFor(d.calls, partition, 200n, 230n), 'inside the released horizon: guarded').to.equal(undefined);
    expect(heartbeats, 'no wait after a release').to.equal(0);
    d.leases.batchEnded(partition);
    expect(await d.leases.permitFor(d.calls, partition, 231n, 240n)).to.not.equal(undefined);
    d.leases.batchEnded(partition);
    await d.leases.releaseAll();
  });

  it('concurrent requests of one batch share a renewal instead of fencing each other', async () => {
    const e = worker('worker-e');
    const permit = await e.leases.permitFor(e.calls, { ...partition, partition: 1 }, 0n, 1000n);
    await Promise.all(Array.from({ length: 8 }, () => permit!.beforeRequest()));
    expect(e.stats.newer.get('UpdateItem') ?? 0, 'no renewal lost its condition').to.equal(0);
    expect(e.leases.heldCount).to.equal(1);
    e.leases.batchEnded({ ...partition, partition: 1 });
    await e.leases.releaseAll();
  });

  it('a stale batch (partition revoked meanwhile) takes no lease and gets no permit', async () => {
    const g = worker('worker-g');
    const ref = { ...partition, partition: 3 };
    expect(await g.leases.permitFor(g.calls, ref, 0n, 10n, () => false)).to.equal(undefined);
    expect(await readLease(g.calls, ref)).to.equal(undefined);
    let owned = true;
    const permit = await g.leases.permitFor(g.calls, ref, 0n, 10n, () => owned);
    await permit!.beforeRequest();
    owned = false;
    const err = await permit!.beforeRequest().then(() => undefined, (e: unknown) => e);
    expect(isBellyfedError(err, 'SINK_LEASE_LOST'), String(err)).to.equal(true);
    g.leases.batchEnded(ref);
    await g.leases.releaseAll();
  });

  it('after a rebalance the new owner takes over every assigned lease at once, so the waits overlap', async () => {
    const h = worker('worker-h');
    const k = worker('worker-k');
    const refs = [10, 11, 12].map((p) => ({ ...partition, partition: p }));
    for (const ref of refs) {
      await (await h.leases.permitFor(h.calls, ref, 0n, 5n))!.beforeRequest();
      h.leases.batchEnded(ref);
    }
    k.leases.prepare(refs);
    // All three are taken (record changed to the new owner) before any batch asked for them.
    await waitFor(async () => (await Promise.all(refs.map((ref) => readLease(k.calls, ref)))).every((l) => l?.owner === 'worker-k'),
      'the new owner to take every lease ahead');
    const permits = await Promise.all(refs.map((ref) => k.leases.permitFor(k.calls, ref, 106n, 110n)));
    expect(permits.every((p) => p !== undefined), 'past the old horizon (105): blind').to.equal(true);
    for (const ref of refs) k.leases.batchEnded(ref);
    await k.leases.releaseAll();
  });

  it('a rebalance that takes the partition away releases its lease once the batch ends', async () => {
    const f = worker('worker-f');
    const ref = { ...partition, partition: 2 };
    const permit = await f.leases.permitFor(f.calls, ref, 0n, 10n);
    await permit!.beforeRequest();
    f.leases.keepOnly(new Map([[partition.topic, new Set([0])]]));
    expect(f.leases.heldCount, 'busy: kept until the batch ends').to.equal(1);
    f.leases.batchEnded(ref);
    await waitFor(async () => (await readLease(f.calls, ref))?.released === true, 'the lease to be released');
    expect(f.leases.heldCount).to.equal(0);
  });
});
