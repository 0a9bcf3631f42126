/**
 * The write lease of one Kafka partition, as pure decisions (MODEL.md, "Guard and batches").
 * BatchWriteItem has no condition, so a blind write is safe only when no older event of the same
 * rows can land after it. Within one partition the events of a row arrive in order; what can
 * break that is a previous writer of the partition: one that crashed (its events are replayed
 * from the last commit) or one that still runs (a zombie). The lease answers both:
 *
 * - **Horizon**: before writing offsets up to H blindly, the holder records H (reserved ahead in
 *   steps). A new holder writes every offset ≤ H through the guarded path: those items may already
 *   hold newer states.
 * - **Takeover**: taking a lease that was not released changes its record version (so the old
 *   holder's next renewal fails), then waits one full lease duration before writing anything.
 *   The old holder starts blind requests only while `now + requestTimeout` is before
 *   `lastRenewalSent + duration − margin`, and abandons them at the timeout; so when the wait
 *   ends, none of its blind writes can still arrive (up to the margin of network delay, the
 *   residual risk the reconciler covers). Durations are measured on each process's own
 *   monotonic clock: no clock synchronisation is assumed.
 * - **Release**: a holder that stops (SIGTERM, partition revoked) after its writes were
 *   acknowledged releases the lease with its exact horizon: the next holder need not wait.
 */

export interface LeaseTiming {
  /** How long a holder may go without renewing before a taker's wait covers it. */
  durationMs: number;
  /** Safety between the end of a holder's last blind request and the end of a taker's wait. */
  marginMs: number;
  /** Blind requests are abandoned after this; must be below the margin. */
  requestTimeoutMs: number;
  /** How far ahead of the batch being written the horizon is reserved (fewer renewals). */
  horizonStep: bigint;
}

export const DEFAULT_LEASE_TIMING: LeaseTiming = {
  durationMs: 15_000,
  marginMs: 5_000,
  requestTimeoutMs: 3_000,
  horizonStep: 2_000n,
};

export function checkTiming(timing: LeaseTiming): LeaseTiming {
  if (!(timing.requestTimeoutMs > 0 && timing.requestTimeoutMs < timing.marginMs && timing.marginMs < timing.durationMs)) {
    throw new RangeError('lease timing must satisfy 0 < requestTimeoutMs < marginMs < durationMs');
  }
  if (timing.horizonStep < 0n) throw new RangeError('lease horizonStep must not be negative');
  return timing;
}

/** The lease as stored in DynamoDB. */
export interface StoredLease {
  owner: string;
  /** Changes with every write of the lease: a holder's renewal is conditional on its own. */
  recordVersion: string;
  /** Highest offset that may have been written blindly; undefined when none was. */
  horizon: bigint | undefined;
  released: boolean;
}

export interface Takeover {
  /** Wait this long after taking it before writing anything to the partition. */
  waitMs: number;
  /** Offsets up to this one go through the guarded path (their items may hold newer states). */
  replayUpTo: bigint | undefined;
  /** Whose lease was taken while possibly still in use (for the log). */
  takenFrom: string | undefined;
}

/** How to take a partition's lease, given what is stored. */
export function planTakeover(stored: StoredLease | undefined, timing: LeaseTiming): Takeover {
  if (stored === undefined) return { waitMs: 0, replayUpTo: undefined, takenFrom: undefined };
  if (stored.released) return { waitMs: 0, replayUpTo: stored.horizon, takenFrom: undefined };
  return { waitMs: timing.durationMs, replayUpTo: stored.horizon, takenFrom: stored.owner };
}

/** Until when (own monotonic clock) a holder may rely on a renewal that it sent at `sentAtMs`. */
export function validUntil(sentAtMs: number, timing: LeaseTiming): number {
  return sentAtMs + timing.durationMs - timing.marginMs;
}

/** A blind request may start now only if its timeout ends before the lease's validity does. */
export function mayStartBlindRequest(nowMs: number, leaseValidUntil: number, timing: LeaseTiming): boolean {
  return nowMs + timing.requestTimeoutMs <= leaseValidUntil;
}

/**
 * Renew before a blind request when the batch goes past the reserved horizon, or when half of the
 * validity is used up (so that a steady writer renews about every (duration − margin) / 2 and
 * never finds its lease too short for a request).
 */
export function renewalDue(nowMs: number, leaseValidUntil: number, horizon: bigint | undefined, lastOffset: bigint, timing: LeaseTiming): boolean {
  if (horizon === undefined || lastOffset > horizon) return true;
  return leaseValidUntil - nowMs < (timing.durationMs - timing.marginMs) / 2;
}

/** The horizon to record before writing a batch that ends at `lastOffset`. */
export function nextHorizon(current: bigint | undefined, lastOffset: bigint, timing: LeaseTiming): bigint {
  if (current !== undefined && current >= lastOffset) return current;
  return lastOffset + timing.horizonStep;
}

/** A batch may be written blindly only once it starts after the replay zone. */
export function outsideReplayZone(firstOffset: bigint, replayUpTo: bigint | undefined): boolean {
  return replayUpTo === undefined || firstOffset > replayUpTo;
}
