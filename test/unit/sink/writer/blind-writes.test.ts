/**
 * The fast path's request discipline (services/sink/writer/blind-writes.ts) with one fault at the
 * DynamoPort seam: the lease is consulted before every request, UnprocessedItems go again alone,
 * an ambiguous failure waits the lease margin before anything is sent again, a refused item is
 * poison and a lost lease stops the writes.
 */
import { expect } from 'chai';
import { BellyfedError, isBellyfedError } from '../../../../services/shared/errors.js';
import { writeBlind, type BlindWrite } from '../../../../services/sink/writer/blind-writes.js';
import { DynamoCalls } from '../../../../services/shared/dynamodb/calls.js';
import { WriteRejectedError } from '../../../../services/shared/dynamodb/errors.js';
import type { BlindWritePermit } from '../../../../services/sink/writer/lease/write-leases.js';
import { CountingStats } from '../../../../services/shared/dynamodb/stats.js';
import { faults, ScriptedPort, type SentCommand } from './fault-seam.js';

function writes(n: number): BlindWrite[] {
  return Array.from({ length: n }, (_, i) => ({ key: { pk: `P#${i}`, sk: 'S' }, item: { pk: { S: `P#${i}` }, sk: { S: 'S' }, n: { N: String(i) } } }));
}

type Put = { PutRequest: { Item: { pk: { S: string } } } };
const itemsOf = (c: SentCommand) => ((c.input.RequestItems as Record<string, Put[]>).projection ?? []).map((r) => r.PutRequest.Item.pk.S);

function setup(answer: (command: SentCommand, index: number) => unknown, permit: Partial<BlindWritePermit> = {}) {
  const port = new ScriptedPort(answer);
  const stats = new CountingStats();
  const events: string[] = [];
  const calls = new DynamoCalls(port, 'projection', {
    policy: { baseMs: 1, maxMs: 2, maxAttempts: 4 }, random: () => 0, onWait: async () => void events.push('wait'),
  }, stats);
  const fullPermit: BlindWritePermit = {
    beforeRequest: async () => void events.push('lease'), requestTimeoutMs: 1000, marginMs: 30, ...permit,
  };
  return { port, stats, calls, events, permit: fullPermit };
}

describe('sink writer: blind writes under the lease', () => {
  it('sends requests of 25 items, asking the lease before each', async () => {
    const { port, calls, events, permit } = setup(() => ({}));
    await writeBlind(calls, permit, writes(60), 2);
    expect(port.sent.map((c) => c.name)).to.deep.equal(['BatchWriteItem', 'BatchWriteItem', 'BatchWriteItem']);
    expect(port.sent.map((c) => itemsOf(c).length).sort()).to.deep.equal([10, 25, 25]);
    expect(new Set(port.sent.flatMap(itemsOf)).size).to.equal(60);
    expect(events.filter((e) => e === 'lease')).to.have.length(3);
  });

  it('sends UnprocessedItems again, and only them', async () => {
    const { port, calls, stats, permit } = setup((command, index) => {
      if (index > 0) return {};
      const left = (command.input.RequestItems as Record<string, Put[]>).projection!.slice(0, 3);
      return { UnprocessedItems: { projection: left } };
    });
    await writeBlind(calls, permit, writes(10), 1);
    expect(port.sent.map(itemsOf)).to.deep.equal([writes(10).map((w) => w.key.pk), ['P#0', 'P#1', 'P#2']]);
    expect(stats.retries.get('throttled')).to.equal(1);
  });

  it('after an ambiguous failure (5xx) waits the margin, heartbeating, before sending again', async () => {
    const { port, calls, events, permit } = setup((_, index) => (index === 0 ? faults.internal() : {}));
    await writeBlind(calls, permit, writes(3), 1);
    expect(port.sent).to.have.length(2);
    // Heartbeats in the margin wait, then one after the backoff (a throttle has only the latter).
    expect(events[0]).to.equal('lease');
    expect(events.at(-1)).to.equal('lease');
    expect(events.filter((e) => e === 'wait').length).to.be.at.least(2);
  });

  it('a throttled request was refused whole: backoff only, no margin wait', async () => {
    const { port, calls, events, permit } = setup((_, index) => (index === 0 ? faults.throttled() : {}));
    await writeBlind(calls, permit, writes(3), 1);
    expect(port.sent).to.have.length(2);
    expect(events).to.deep.equal(['lease', 'wait', 'lease']);
  });

  it('a refused item makes the batch poison (the worker isolates the event, guarded)', async () => {
    const { calls, permit } = setup(() => faults.validation());
    const err = await writeBlind(calls, permit, writes(2), 1).then(() => undefined, (e: unknown) => e);
    expect(err).to.be.instanceOf(WriteRejectedError);
  });

  it('a lost lease stops the writes before anything is sent', async () => {
    const lost = new BellyfedError('SINK_LEASE_LOST', 'the write lease of t/0 was taken over by another worker');
    const { port, calls, permit } = setup(() => ({}), { beforeRequest: async () => Promise.reject(lost) });
    const err = await writeBlind(calls, permit, writes(2), 1).then(() => undefined, (e: unknown) => e);
    expect(isBellyfedError(err, 'SINK_LEASE_LOST')).to.equal(true);
    expect(port.sent).to.have.length(0);
  });

  it('gives up as DYNAMODB_UNAVAILABLE (retriable) after the attempts, having waited out its last request', async () => {
    const { port, calls, events, permit } = setup(() => faults.refused());
    const err = await writeBlind(calls, permit, writes(1), 1).then(() => undefined, (e: unknown) => e);
    expect(isBellyfedError(err, 'DYNAMODB_UNAVAILABLE')).to.equal(true);
    expect(port.sent).to.have.length(4);
    expect(events.at(-1)).to.equal('wait');
  });
});
