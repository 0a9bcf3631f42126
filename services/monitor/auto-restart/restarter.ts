/**
 * Applies the restart policy (policy.ts) to each sample's connector states: a failed connector is
 * restarted through Connect's REST API (`restart?includeTasks=true&onlyFailed=true`, what
 * `bellyfed connectors restart NAME --failed-only` does), and each restart is logged with the
 * failure's trace and counted per connector for /metrics.
 */
import { describeError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import type { PipelineSample } from '../types.js';
import { decideRestart, NO_HISTORY, type RestartHistory } from './policy.js';

export interface ConnectorRestarter {
  restart(name: string, options: { onlyFailed: boolean }): Promise<void>;
}

export class AutoRestarter {
  private readonly histories = new Map<string, RestartHistory>();
  private readonly restarts = new Map<string, number>();

  constructor(private readonly connect: ConnectorRestarter, private readonly logger: Logger, private readonly now: () => number = Date.now) {}

  /** Restarts issued so far, by connector. */
  counts(): ReadonlyMap<string, number> {
    return this.restarts;
  }

  async observe(sample: PipelineSample): Promise<void> {
    if (sample.connectors.status !== 'ok') return;
    for (const health of sample.connectors.data) {
      const decision = decideRestart(health, this.histories.get(health.name) ?? NO_HISTORY, this.now());
      this.histories.set(health.name, decision.history);
      if (!decision.restart) continue;
      const failed = health.tasks.filter((t) => t.state === 'FAILED');
      this.logger.warn({
        connector: health.name, attempt: decision.history.attempts, failedTasks: failed.map((t) => t.id),
        trace: failed[0]?.trace ?? health.trace,
      }, 'connector failed; restarting its failed parts (MONITOR_AUTO_RESTART)');
      this.restarts.set(health.name, (this.restarts.get(health.name) ?? 0) + 1);
      await this.connect.restart(health.name, { onlyFailed: true }).catch((err: unknown) => {
        this.logger.warn({ connector: health.name, err: describeError(err) }, 'could not restart the connector; the next attempt follows the backoff');
      });
    }
  }
}
