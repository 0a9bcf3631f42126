/**
 * A bounded, batching send buffer. push() is O(1) and never waits, so a slow or absent Kafka
 * never slows a request: past the bound, events are dropped and counted. A failed batch stays
 * at the head of the buffer and is retried after a jittered exponential backoff.
 */

import { backoffDelayMs, type BackoffPolicy } from '../shared/backoff.js';
import { RETRY_POLICIES } from '../shared/retry-policies.js';

export interface BufferStats {
  /** Events waiting in memory. */
  buffered: number;
  /** Events delivered. */
  sent: number;
  /** Events discarded because the buffer was full (never delivered). */
  dropped: number;
  /** Events in send attempts that failed (they stay buffered and are retried). */
  failed: number;
}

export interface BufferOptions<T> {
  limit: number;
  batchSize: number;
  flushIntervalMs: number;
  send: (batch: T[]) => Promise<void>;
  onSendError?: (err: unknown, batchSize: number) => void;
  /** Backoff after a failed send: base doubles per consecutive failure up to max. */
  backoff?: BackoffPolicy;
  random?: () => number;
  now?: () => number;
}

export class SendBuffer<T> {
  // A ring: head index + count, so push and take are O(1) without Array#shift.
  private readonly slots: (T | undefined)[];
  private head = 0;
  private count = 0;
  private readonly counters = { sent: 0, dropped: 0, failed: 0 };
  private inFlight: Promise<void> | undefined;
  private consecutiveFailures = 0;
  private retryAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: BufferOptions<T>) {
    if (options.batchSize > options.limit) throw new RangeError('batchSize must not exceed limit');
    this.slots = new Array<T | undefined>(options.limit);
  }

  /** Adds an event; returns false when it was dropped because the buffer is full or stopped. */
  push(event: T): boolean {
    if (this.stopped || this.count === this.options.limit) {
      this.counters.dropped += 1;
      return false;
    }
    this.slots[(this.head + this.count) % this.options.limit] = event;
    this.count += 1;
    if (this.count >= this.options.batchSize) this.flushSoon();
    return true;
  }

  stats(): BufferStats {
    return { buffered: this.count, ...this.counters };
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.flushSoon(), this.options.flushIntervalMs);
    this.timer.unref();
  }

  /** Sends what is buffered (one attempt per batch, within the deadline), then refuses new events. */
  async stop(deadlineMs: number): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    const deadline = (this.options.now ?? Date.now)() + deadlineMs;
    this.retryAt = 0;
    const finalFlush = (async () => {
      await this.inFlight;
      while (this.count > 0 && (this.options.now ?? Date.now)() < deadline) {
        if (!(await this.sendOneBatch())) break;
      }
    })();
    let timeout: NodeJS.Timeout | undefined;
    await Promise.race([finalFlush, new Promise<void>((resolve) => (timeout = setTimeout(resolve, deadlineMs)))]);
    clearTimeout(timeout);
    this.stopped = true;
  }

  /** Starts a drain unless one runs or a backoff is pending. Resolves when that drain ends. */
  flushSoon(): Promise<void> {
    if (this.inFlight || this.count === 0 || (this.options.now ?? Date.now)() < this.retryAt) {
      return this.inFlight ?? Promise.resolve();
    }
    this.inFlight = this.drain().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async drain(): Promise<void> {
    while (this.count > 0 && !this.stopped) {
      if (!(await this.sendOneBatch())) return;
    }
  }

  /** Sends the head batch; true on success. */
  private async sendOneBatch(): Promise<boolean> {
    const size = Math.min(this.options.batchSize, this.count);
    const batch: T[] = [];
    for (let i = 0; i < size; i++) batch.push(this.slots[(this.head + i) % this.options.limit] as T);
    try {
      await this.options.send(batch);
    } catch (err) {
      this.counters.failed += size;
      this.consecutiveFailures += 1;
      this.retryAt = (this.options.now ?? Date.now)() + this.backoffMs();
      this.options.onSendError?.(err, size);
      return false;
    }
    for (let i = 0; i < size; i++) this.slots[(this.head + i) % this.options.limit] = undefined;
    this.head = (this.head + size) % this.options.limit;
    this.count -= size;
    this.counters.sent += size;
    this.consecutiveFailures = 0;
    return true;
  }

  private backoffMs(): number {
    return backoffDelayMs(this.consecutiveFailures, this.options.backoff ?? RETRY_POLICIES.analytics, this.options.random);
  }
}
