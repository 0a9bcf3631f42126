import { expect } from 'chai';
import { SendBuffer } from '../../../services/analytics/buffer.js';

function deferred() {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('SendBuffer', function () {
  it('sends in batches of batchSize, in order', async function () {
    const batches: number[][] = [];
    const buffer = new SendBuffer<number>({ limit: 100, batchSize: 3, flushIntervalMs: 1000, send: async (b) => void batches.push(b) });
    for (let i = 0; i < 7; i++) buffer.push(i);
    await buffer.flushSoon();
    expect(batches).to.deep.equal([[0, 1, 2], [3, 4, 5], [6]]);
    expect(buffer.stats()).to.deep.equal({ buffered: 0, sent: 7, dropped: 0, failed: 0 });
  });

  it('never waits in push, and drops past the bound while a send hangs', async function () {
    const hanging = deferred();
    let calls = 0;
    const buffer = new SendBuffer<number>({
      limit: 5, batchSize: 2, flushIntervalMs: 1000,
      send: () => {
        calls += 1;
        return hanging.promise;
      },
    });
    const accepted = Array.from({ length: 12 }, (_, i) => buffer.push(i));
    expect(accepted).to.deep.equal([true, true, true, true, true, false, false, false, false, false, false, false]);
    expect(calls).to.equal(1);
    expect(buffer.stats()).to.deep.equal({ buffered: 5, sent: 0, dropped: 7, failed: 0 });
    hanging.resolve();
    await buffer.flushSoon();
    await buffer.flushSoon();
    expect(buffer.stats().sent).to.equal(5);
  });

  it('keeps a failed batch, counts it, backs off, then delivers it', async function () {
    let now = 1000;
    let fail = true;
    const delivered: number[] = [];
    const errors: unknown[] = [];
    const buffer = new SendBuffer<number>({
      limit: 10, batchSize: 10, flushIntervalMs: 1000,
      now: () => now,
      random: () => 0.5,
      backoff: { baseMs: 100, maxMs: 1000 },
      onSendError: (err) => errors.push(err),
      send: async (b) => {
        if (fail) throw new Error('broker down');
        delivered.push(...b);
      },
    });
    buffer.push(1);
    buffer.push(2);
    await buffer.flushSoon();
    expect(buffer.stats()).to.deep.equal({ buffered: 2, sent: 0, dropped: 0, failed: 2 });
    expect(errors).to.have.length(1);
    fail = false;
    await buffer.flushSoon();
    expect(delivered, 'no retry before the backoff (0.5 × 200 ms) ends').to.deep.equal([]);
    now += 101;
    await buffer.flushSoon();
    expect(delivered).to.deep.equal([1, 2]);
    expect(buffer.stats()).to.deep.equal({ buffered: 0, sent: 2, dropped: 0, failed: 2 });
  });

  it('backoff grows exponentially up to the cap', async function () {
    let now = 0;
    const retryDelays: number[] = [];
    const buffer = new SendBuffer<number>({
      limit: 10, batchSize: 1, flushIntervalMs: 1000,
      now: () => now, random: () => 0.999999, backoff: { baseMs: 100, maxMs: 1000 },
      send: async () => {
        throw new Error('down');
      },
    });
    buffer.push(1);
    await buffer.flushSoon();
    expect(buffer.stats().failed).to.equal(1);
    for (let i = 0; i < 6; i++) {
      const failedBefore = buffer.stats().failed;
      let waited = 0;
      while (buffer.stats().failed === failedBefore) {
        now += 1;
        waited += 1;
        await buffer.flushSoon();
      }
      retryDelays.push(waited);
    }
    // Full jitter: floor(0.999999 × ceiling) = ceiling − 1, ceilings 200, 400, 800, then the 1000 cap.
    expect(retryDelays).to.deep.equal([199, 399, 799, 999, 999, 999]);
  });

  it('stop flushes what is buffered within the deadline, then refuses events', async function () {
    const delivered: number[] = [];
    const buffer = new SendBuffer<number>({ limit: 10, batchSize: 10, flushIntervalMs: 60_000, send: async (b) => void delivered.push(...b) });
    buffer.start();
    buffer.push(1);
    buffer.push(2);
    await buffer.stop(1000);
    expect(delivered).to.deep.equal([1, 2]);
    expect(buffer.push(3)).to.equal(false);
    expect(buffer.stats().dropped).to.equal(1);
  });

  it('stop gives up at the deadline when the sink hangs', async function () {
    const buffer = new SendBuffer<number>({ limit: 10, batchSize: 10, flushIntervalMs: 60_000, send: () => new Promise<void>(() => undefined) });
    buffer.push(1);
    await buffer.stop(20);
    expect(buffer.stats()).to.include({ buffered: 1, sent: 0 });
  });
});
