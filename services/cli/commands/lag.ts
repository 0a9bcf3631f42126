/**
 * `bellyfed lag [--watch] [--json]`: the monitor's picture in the terminal, sampled directly
 * (no monitor service needed). The exit status is the pipeline state, so it can gate a deploy:
 * 0 ok, 1 warning, 2 critical (2 is also commander's status for a usage error).
 */
import type { Command } from 'commander';
import { evaluate, stateCode } from '../../monitor/evaluate.js';
import { createLiveSources } from '../../monitor/live-sources.js';
import { renderLagReport } from '../../monitor/render-table.js';
import { takeSample } from '../../monitor/sampler.js';
import type { PipelineSample, PipelineStatus } from '../../monitor/types.js';
import { sleep } from '../../shared/backoff.js';
import { BellyfedError } from '../../shared/errors.js';
import { commandContext, ExitCode } from '../run-command.js';

interface LagOptions {
  watch?: boolean;
  json?: boolean;
  interval?: string;
}

// Home the cursor and clear the screen: --watch redraws in place, like watch(1).
const CLEAR_SCREEN = '\u001b[H\u001b[2J';

export function registerLagCommands(program: Command): void {
  program
    .command('lag')
    .description('consumer lag, freshness, replication slot and connector states; exit 0 ok, 1 warning, 2 critical')
    .option('--watch', 'refresh in place until Ctrl-C (exit status: the last state)')
    .option('--interval <ms>', 'refresh interval with --watch (default MONITOR_INTERVAL_MS)')
    .option('--json', 'print the status as JSON (with --watch: one JSON line per sample)')
    .action(async (options: LagOptions) => {
      const { config, logger } = commandContext('lag');
      const intervalMs = options.interval === undefined ? config.monitor.intervalMs : Number(options.interval);
      if (!Number.isInteger(intervalMs) || intervalMs < 100) {
        throw new BellyfedError('CLI_USAGE', `--interval must be a whole number of milliseconds, at least 100 (got ${options.interval})`);
      }
      // The table reports every source that cannot be read; the clients' own error logs would
      // only repeat it on stderr, so they are kept for LOG_LEVEL=debug.
      const quiet = ['debug', 'trace'].includes(config.logLevel) ? logger : logger.child({}, { level: 'silent' });
      const sources = createLiveSources(config, quiet);
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      let last: PipelineStatus | undefined;
      try {
        let previous: PipelineSample | undefined;
        do {
          const sample = await takeSample(sources, { timeoutMs: config.monitor.sourceTimeoutMs, now: () => new Date(), previous });
          last = { ...evaluate(sample, config.monitor.thresholds, previous), ...sample };
          previous = sample;
          if (options.json) process.stdout.write(`${JSON.stringify(last, null, options.watch ? 0 : 2)}\n`);
          else {
            const color = process.stdout.isTTY === true && config.terminal.color;
            process.stdout.write(`${options.watch && process.stdout.isTTY ? CLEAR_SCREEN : ''}${renderLagReport(last, { color })}`);
          }
          if (options.watch) await sleep(intervalMs, stop.signal);
        } while (options.watch && !stop.signal.aborted);
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        await sources.close();
      }
      const code = last === undefined ? 0 : stateCode(last.state);
      if (code !== 0) throw new ExitCode(code);
    });
}
