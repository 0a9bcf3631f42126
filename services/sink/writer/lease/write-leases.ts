/**
 * The partition leases a sink worker holds (protocol.ts says why they exist). For each partition
 * batch the worker asks for a permit to write blindly (BatchWriteItem); without one the batch goes
 * through the guarded path, which is always correct. Leases are kept across batches, renewed
 * before blind requests when due, and released when the worker stops or loses the partition.
 */
import { randomUUID } from 'node:crypto';
import { sleep } from '../../../shared/backoff.js';
import { BellyfedError, describeError } from '../../../shared/errors.js';
import type { Logger } from '../../../shared/logger.js';
import type { DynamoCalls } from '../../../shared/dynamodb/calls.js';
import {
  checkTiming, mayStartBlindRequest, nextHorizon, outsideReplayZone, planTakeover, renewalDue, validUntil, type LeaseTiming,
} from './protocol.js';
import { readLease, rewriteLease, takeLease, type PartitionRef } from './store.js';

/** Given to the fast path of one batch. */
export interface BlindWritePermit {
  /** Call before each blind request: renews the lease when due; throws SINK_LEASE_LOST when it was taken over. */
  beforeRequest(): Promise<void>;
  readonly requestTimeoutMs: number;
  /** How long to wait after a blind request failed ambiguously (it may still land) before writing those keys again. */
  readonly marginMs: number;
}

interface HeldLease {
  ref: PartitionRef;
  recordVersion: string;
  horizon: bigint | undefined;
  validUntil: number;
  replayUpTo: bigint | undefined;
  /** Highest offset of a batch that sent a blind request. */
  blindWritten: bigint | undefined;
  busy: boolean;
  releaseWhenIdle: boolean;
  renewing: Promise<void> | undefined;
}

const refKey = (ref: PartitionRef) => `${ref.topic}#${ref.partition}`;

function leaseLost(ref: PartitionRef, why: string): BellyfedError {
  return new BellyfedError('SINK_LEASE_LOST', `the write lease of ${ref.topic}/${ref.partition} ${why}`, { details: { ...ref } });
}

function maxOffset(a: bigint | undefined, b: bigint | undefined): bigint | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a > b ? a : b;
}

export class WriteLeases {
  private readonly held = new Map<string, HeldLease>();
  /** Takeovers under way (they wait a lease duration): one per partition, shared by whoever needs it. */
  private readonly taking = new Map<string, Promise<HeldLease>>();
  private readonly closing = new AbortController();
  private readonly timing: LeaseTiming;

  constructor(
    /** Identifies this worker process in the lease items (and the logs). */
    readonly owner: string,
    /** For releases, outside any batch. */
    private readonly calls: DynamoCalls,
    timing: LeaseTiming,
    private readonly logger: Logger,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.timing = checkTiming(timing);
  }

  /**
   * A permit to write a batch of offsets [firstOffset, lastOffset] blindly, or undefined when the
   * batch lies in the replay zone of an earlier holder (guarded path). Taking over a lease that
   * was not released waits a lease duration first (heartbeating the consumer through `calls`).
   * A batch of a partition this consumer no longer owns (`stillOwned`, kafkajs's stale batch after
   * a rebalance) never gets a permit and never takes a lease: it goes guarded and is not committed.
   * Call batchEnded() when the batch is done, whatever happened.
   */
  async permitFor(
    calls: DynamoCalls, ref: PartitionRef, firstOffset: bigint, lastOffset: bigint, stillOwned: () => boolean = () => true,
  ): Promise<BlindWritePermit | undefined> {
    if (!stillOwned()) return undefined;
    const lease = this.held.get(refKey(ref)) ?? (await this.heartbeatUntil(calls, this.startTake(ref)));
    lease.busy = true;
    lease.releaseWhenIdle = false;
    if (!stillOwned() || !outsideReplayZone(firstOffset, lease.replayUpTo)) return undefined;
    lease.replayUpTo = undefined;
    return {
      beforeRequest: async () => {
        if (!stillOwned()) throw leaseLost(ref, 'belongs to another consumer since a rebalance');
        await this.beforeRequest(calls, lease, lastOffset);
      },
      requestTimeoutMs: this.timing.requestTimeoutMs,
      marginMs: this.timing.marginMs,
    };
  }

  batchEnded(ref: PartitionRef): void {
    const lease = this.held.get(refKey(ref));
    if (!lease) return;
    lease.busy = false;
    if (lease.releaseWhenIdle) void this.release(lease);
  }

  /** After a rebalance: leases of partitions this worker no longer owns are released once idle. */
  keepOnly(assigned: ReadonlyMap<string, ReadonlySet<number>>): void {
    for (const lease of this.held.values()) {
      if (assigned.get(lease.ref.topic)?.has(lease.ref.partition) === true) continue;
      lease.releaseWhenIdle = true;
      if (!lease.busy) void this.release(lease);
    }
  }

  /**
   * After a rebalance: starts taking over the leases of the newly assigned partitions at once, so
   * that their waits overlap instead of each holding up a batch slot in turn.
   */
  prepare(refs: readonly PartitionRef[]): void {
    for (const ref of refs) {
      if (this.held.has(refKey(ref))) continue;
      this.startTake(ref).catch((err: unknown) => {
        // The partition's first batch tries again (and says why if it fails too).
        this.logger.debug({ topic: ref.topic, partition: ref.partition, err: describeError(err) }, 'could not take a write lease ahead');
      });
    }
  }

  /** On shutdown, after the last batch: the next holder need not wait. A takeover still waiting stays unreleased. */
  async releaseAll(): Promise<void> {
    this.closing.abort();
    await Promise.allSettled([...this.taking.values()]);
    await Promise.all([...this.held.values()].map((lease) => this.release(lease)));
  }

  get heldCount(): number {
    return this.held.size;
  }

  private startTake(ref: PartitionRef): Promise<HeldLease> {
    const key = refKey(ref);
    let pending = this.taking.get(key);
    if (pending === undefined) {
      pending = this.take(this.calls.with({ signal: this.closing.signal }), ref).finally(() => this.taking.delete(key));
      this.taking.set(key, pending);
    }
    return pending;
  }

  /** Waits for a takeover while keeping the waiting batch's consumer in its group. */
  private async heartbeatUntil(calls: DynamoCalls, pending: Promise<HeldLease>): Promise<HeldLease> {
    let settled = false;
    const done = pending.finally(() => {
      settled = true;
    });
    while (!settled) {
      await Promise.race([done.catch(() => undefined), sleep(1000, calls.retry.signal)]);
      if (settled) break;
      if (calls.retry.signal?.aborted) throw new BellyfedError('SINK_LEASE_LOST', 'waiting for a write lease was interrupted by shutdown');
      await calls.retry.onWait?.().catch(() => undefined);
    }
    return pending;
  }

  private async take(calls: DynamoCalls, ref: PartitionRef): Promise<HeldLease> {
    const stored = await readLease(calls, ref);
    const plan = planTakeover(stored, this.timing);
    const recordVersion = randomUUID();
    const sentAt = this.now();
    if (!(await takeLease(calls, ref, stored, { owner: this.owner, recordVersion, horizon: stored?.horizon }))) {
      throw leaseLost(ref, 'changed while this worker was taking it');
    }
    if (plan.takenFrom !== undefined) {
      this.logger.info({
        topic: ref.topic, partition: ref.partition, from: plan.takenFrom, waitMs: plan.waitMs,
        replayUpTo: plan.replayUpTo?.toString(),
      }, 'took over a write lease that was not released; waiting until its holder can no longer write');
      await sleep(plan.waitMs, calls.retry.signal);
      if (calls.retry.signal?.aborted) throw leaseLost(ref, 'takeover was interrupted by shutdown');
    }
    const lease: HeldLease = {
      ref, recordVersion, horizon: stored?.horizon, validUntil: validUntil(sentAt, this.timing), replayUpTo: plan.replayUpTo,
      blindWritten: undefined, busy: false, releaseWhenIdle: false, renewing: undefined,
    };
    this.held.set(refKey(ref), lease);
    return lease;
  }

  private async beforeRequest(calls: DynamoCalls, lease: HeldLease, lastOffset: bigint): Promise<void> {
    // One renewal at a time per lease: concurrent requests of a batch wait for the same one.
    while (this.needsRenewal(lease, lastOffset)) {
      lease.renewing ??= this.renew(calls, lease, lastOffset).finally(() => {
        lease.renewing = undefined;
      });
      await lease.renewing;
    }
    lease.blindWritten = maxOffset(lease.blindWritten, lastOffset);
  }

  private needsRenewal(lease: HeldLease, lastOffset: bigint): boolean {
    if (this.held.get(refKey(lease.ref)) !== lease) throw leaseLost(lease.ref, 'was taken over by another worker');
    const now = this.now();
    return renewalDue(now, lease.validUntil, lease.horizon, lastOffset, this.timing) || !mayStartBlindRequest(now, lease.validUntil, this.timing);
  }

  private async renew(calls: DynamoCalls, lease: HeldLease, lastOffset: bigint): Promise<void> {
    const recordVersion = randomUUID();
    const horizon = nextHorizon(lease.horizon, lastOffset, this.timing);
    const sentAt = this.now();
    const renewed = await rewriteLease(calls, lease.ref, { owner: this.owner, recordVersion: lease.recordVersion }, { recordVersion, horizon, released: false });
    if (!renewed) {
      this.held.delete(refKey(lease.ref));
      this.logger.warn({ topic: lease.ref.topic, partition: lease.ref.partition }, 'another worker took over this write lease; stopping blind writes to the partition');
      throw leaseLost(lease.ref, 'was taken over by another worker');
    }
    lease.recordVersion = recordVersion;
    lease.horizon = horizon;
    lease.validUntil = validUntil(sentAt, this.timing);
  }

  private async release(lease: HeldLease): Promise<void> {
    if (this.held.get(refKey(lease.ref)) !== lease) return;
    this.held.delete(refKey(lease.ref));
    // What the next holder must replay guarded: what this one wrote blindly, and a zone it never got past.
    const horizon = maxOffset(lease.blindWritten, lease.replayUpTo);
    try {
      await rewriteLease(this.calls, lease.ref, { owner: this.owner, recordVersion: lease.recordVersion }, { recordVersion: randomUUID(), horizon, released: true });
    } catch (err) {
      // Not released: the next holder waits a lease duration instead. Nothing is at risk.
      this.logger.warn({ topic: lease.ref.topic, partition: lease.ref.partition, err: describeError(err) }, 'could not release a write lease');
    }
  }
}
