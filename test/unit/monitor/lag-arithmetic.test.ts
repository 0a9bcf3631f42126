import { expect } from 'chai';
import { lagMessages, lagSeconds, nextReadOffset, parseCommittedOffset } from '../../../services/monitor/lag-arithmetic.js';

describe('monitor lag arithmetic', function () {
  it('is end offset minus committed offset', function () {
    expect(lagMessages({ low: 0, end: 120, committed: 100 })).to.equal(20);
    expect(lagMessages({ low: 0, end: 120, committed: 120 })).to.equal(0);
  });

  it('counts every retained message when the group never committed on the partition', function () {
    expect(lagMessages({ low: 30, end: 120, committed: null })).to.equal(90);
    expect(nextReadOffset({ low: 30, end: 120, committed: null })).to.equal(30);
    expect(lagMessages({ low: 0, end: 0, committed: null })).to.equal(0);
  });

  it('does not count messages retention deleted before the group read them', function () {
    expect(lagMessages({ low: 100, end: 150, committed: 40 })).to.equal(50);
    expect(nextReadOffset({ low: 100, end: 150, committed: 40 })).to.equal(100);
  });

  it('is never negative (a commit past the end of a recreated topic)', function () {
    expect(lagMessages({ low: 0, end: 10, committed: 500 })).to.equal(0);
  });

  it("reads kafkajs's -1 as no committed offset", function () {
    expect(parseCommittedOffset('-1')).to.equal(null);
    expect(parseCommittedOffset('0')).to.equal(0);
    expect(parseCommittedOffset('12345')).to.equal(12345);
  });

  it('time lag is the age of the oldest unconsumed message, 0 without lag, unknown without its timestamp', function () {
    const now = Date.parse('2025-03-01T10:00:00Z');
    expect(lagSeconds(5, now - 90_000, now)).to.equal(90);
    expect(lagSeconds(0, now - 90_000, now)).to.equal(0);
    expect(lagSeconds(5, undefined, now)).to.equal(null);
    expect(lagSeconds(5, now + 5000, now), 'a producer clock ahead of ours').to.equal(0);
  });
});
