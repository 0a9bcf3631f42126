import { expect } from 'chai';
import { CircuitBreaker, type CircuitState } from '../../../../services/query/router/circuit-breaker.js';

function breaker(threshold = 3, openMs = 1000) {
  const clock = { now: 0 };
  const changes: string[] = [];
  const b = new CircuitBreaker({
    failureThreshold: threshold, openMs, now: () => clock.now,
    onStateChange: (state: CircuitState, previous: CircuitState) => changes.push(`${previous}->${state}`),
  });
  return { b, clock, changes };
}

const fail = (b: CircuitBreaker) => b.tryAcquire()?.failure();
const succeed = (b: CircuitBreaker) => b.tryAcquire()?.success();

describe('read-router: circuit breaker', function () {
  it('opens after the threshold of consecutive failures, not before', function () {
    const { b, changes } = breaker(3);
    fail(b);
    fail(b);
    expect(b.state).to.equal('closed');
    fail(b);
    expect(b.state).to.equal('open');
    expect(b.tryAcquire()).to.equal(undefined);
    expect(changes).to.deep.equal(['closed->open']);
  });

  it('a success resets the count of consecutive failures', function () {
    const { b } = breaker(3);
    fail(b);
    fail(b);
    succeed(b);
    fail(b);
    fail(b);
    expect(b.state).to.equal('closed');
  });

  it('after openMs lets exactly one probe through; its success closes the circuit', function () {
    const { b, clock, changes } = breaker(1, 1000);
    fail(b);
    clock.now = 999;
    expect(b.tryAcquire()).to.equal(undefined);
    clock.now = 1000;
    expect(b.state).to.equal('half-open');
    const probe = b.tryAcquire();
    expect(probe).to.not.equal(undefined);
    expect(b.tryAcquire(), 'a second request while the probe is out').to.equal(undefined);
    probe?.success();
    expect(b.state).to.equal('closed');
    expect(b.tryAcquire()).to.not.equal(undefined);
    expect(changes).to.deep.equal(['closed->open', 'open->half-open', 'half-open->closed']);
  });

  it('a failed probe opens the circuit again for another openMs', function () {
    const { b, clock } = breaker(2, 1000);
    fail(b);
    fail(b);
    clock.now = 1500;
    b.tryAcquire()?.failure();
    expect(b.state).to.equal('open');
    clock.now = 2499;
    expect(b.tryAcquire()).to.equal(undefined);
    clock.now = 2500;
    expect(b.tryAcquire()).to.not.equal(undefined);
  });

  it('counts a permit once, however often it is settled', function () {
    const { b } = breaker(2);
    const permit = b.tryAcquire();
    permit?.failure();
    permit?.failure();
    permit?.failure();
    expect(b.state).to.equal('closed');
  });

  it('a late failure of a request let in before the circuit opened does not restart the open period', function () {
    const { b, clock } = breaker(1, 1000);
    const early = b.tryAcquire();
    fail(b);
    clock.now = 900;
    early?.failure();
    clock.now = 1000;
    expect(b.state).to.equal('half-open');
  });
});
