/** The write lease's decisions (services/sink/writer/lease/protocol.ts), as pure functions. */
import { expect } from 'chai';
import {
  checkTiming, mayStartBlindRequest, nextHorizon, outsideReplayZone, planTakeover, renewalDue, validUntil, type LeaseTiming,
} from '../../../../services/sink/writer/lease/protocol.js';

const timing: LeaseTiming = { durationMs: 15_000, marginMs: 5_000, requestTimeoutMs: 3_000, horizonStep: 100n };

describe('sink write lease: protocol', () => {
  it('takes an absent lease at once, with no replay zone', () => {
    expect(planTakeover(undefined, timing)).to.deep.equal({ waitMs: 0, replayUpTo: undefined, takenFrom: undefined });
  });

  it('takes a released lease at once, replaying up to its horizon guarded', () => {
    expect(planTakeover({ owner: 'a', recordVersion: 'r1', horizon: 41n, released: true }, timing))
      .to.deep.equal({ waitMs: 0, replayUpTo: 41n, takenFrom: undefined });
  });

  it('waits a whole lease duration after taking a lease that was not released', () => {
    expect(planTakeover({ owner: 'a', recordVersion: 'r1', horizon: 500n, released: false }, timing))
      .to.deep.equal({ waitMs: 15_000, replayUpTo: 500n, takenFrom: 'a' });
  });

  it('a holder stops starting blind requests early enough that the taker\'s wait covers them and the margin', () => {
    const renewedAt = 1_000;
    const until = validUntil(renewedAt, timing);
    // The last request a holder may start ends (timeout) before a taker that took the lease right
    // after that renewal stops waiting, with the margin to spare for a late packet.
    let lastStart = renewedAt;
    while (mayStartBlindRequest(lastStart + 1, until, timing)) lastStart++;
    const takerWaitEnds = renewedAt + planTakeover({ owner: 'a', recordVersion: 'r', horizon: 1n, released: false }, timing).waitMs;
    expect(lastStart + timing.requestTimeoutMs + timing.marginMs).to.be.at.most(takerWaitEnds);
    expect(mayStartBlindRequest(until - timing.requestTimeoutMs + 1, until, timing)).to.equal(false);
  });

  it('renews past the reserved horizon or when half the validity is used', () => {
    const until = validUntil(0, timing); // 10 s of validity
    expect(renewalDue(1_000, until, 200n, 150n, timing)).to.equal(false);
    expect(renewalDue(1_000, until, 200n, 201n, timing)).to.equal(true);
    expect(renewalDue(1_000, until, undefined, 0n, timing)).to.equal(true);
    expect(renewalDue(5_001, until, 200n, 150n, timing)).to.equal(true);
  });

  it('reserves the horizon a step ahead of the batch, and never moves it back', () => {
    expect(nextHorizon(undefined, 10n, timing)).to.equal(110n);
    expect(nextHorizon(110n, 50n, timing)).to.equal(110n);
    expect(nextHorizon(110n, 111n, timing)).to.equal(211n);
  });

  it('allows blind writes only for batches that start after the replay zone', () => {
    expect(outsideReplayZone(5n, undefined)).to.equal(true);
    expect(outsideReplayZone(5n, 5n)).to.equal(false);
    expect(outsideReplayZone(6n, 5n)).to.equal(true);
  });

  it('refuses timings that would let a request outlive the margin', () => {
    expect(() => checkTiming({ ...timing, requestTimeoutMs: 5_000 })).to.throw(RangeError, /requestTimeoutMs < marginMs/);
    expect(() => checkTiming({ ...timing, marginMs: 15_000 })).to.throw(RangeError);
    expect(checkTiming(timing)).to.equal(timing);
  });
});
