/**
 * Background work that must not hold up a partition: copy-refresh jobs and truncate sweeps. Both
 * live in DynamoDB, so any worker of the group resumes them after a crash; two workers running
 * the same job only repeat idempotent, guarded writes. One tick at a time (single-flight).
 */
import { describeError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { pendingCopyJobs, runCopyJob } from './copy-jobs.js';
import type { DynamoCalls } from '../../shared/dynamodb/calls.js';
import { runTruncateSweep, truncateFences } from './truncate.js';

export interface MaintenanceOptions {
  intervalMs: number;
  /** Delay of a copy job's second pass (far above normal GSI lag). */
  copySettleMs: number;
  /** Delay of a truncate sweep's second pass (above the fence cache's refresh interval). */
  truncateSecondPassMs: number;
  inFlight: number;
}

export class MaintenanceRunner {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  /** Jobs still waiting (for /metrics and tests). */
  pendingJobs = 0;
  /** Passes completed by the timer: with pendingJobs, tells a caller that a whole pass found nothing left. */
  passes = 0;

  constructor(private readonly calls: DynamoCalls, private readonly options: MaintenanceOptions, private readonly logger: Logger) {}

  start(): void {
    const tick = () => {
      if (this.stopped) return;
      this.running = this.runOnce().then(() => void this.passes++)
        .catch((err: unknown) => this.logger.warn({ err: describeError(err) }, 'maintenance pass failed; retrying at the next tick'))
        .finally(() => {
          this.running = undefined;
          if (!this.stopped) this.timer = setTimeout(tick, this.options.intervalMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  /** One round over every due job; true when nothing is left to do. */
  async runOnce(): Promise<boolean> {
    let pending = 0;
    for (const fence of await truncateFences(this.calls)) {
      if (fence.pending?.BOOL !== true) continue;
      pending++;
      await runTruncateSweep(this.calls, fence, { secondPassDelayMs: this.options.truncateSecondPassMs, inFlight: this.options.inFlight });
    }
    const jobs = await pendingCopyJobs(this.calls, 50);
    pending += jobs.length;
    for (const job of jobs) {
      if (this.stopped) break;
      await runCopyJob(this.calls, job, { settleMs: this.options.copySettleMs, inFlight: this.options.inFlight });
    }
    this.pendingJobs = pending;
    return pending === 0;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
