import type { Command } from 'commander';

import { loadLocalConfig } from './config.js';
import { platformEnvironment, renderShellExports, scramEnvironment } from './env.js';
import { tailPartLog } from './logs.js';
import { provisionPlatform, seedDemo } from './provision.js';
import { LocalPlatformError } from './errors.js';
import { isHealthy, platformDown, platformStatus, platformUp, startPart, stopPart } from './platform.js';
import { isPartName, PART_NAMES, type PartName, type PartStatus, type Reporter } from './types.js';

const report: Reporter = (line) => process.stdout.write(`${line}\n`);

function formatStatus(status: PartStatus): string {
  const pid = status.pid === undefined ? '' : ` pid ${status.pid}`;
  const detail = status.detail === undefined ? '' : ` — ${status.detail}`;
  return `${status.name.padEnd(9)} ${status.state.padEnd(17)} ${status.endpoint}${pid}${detail}`;
}

function partName(value: string): PartName {
  if (isPartName(value)) return value;
  throw new LocalPlatformError('LOCAL_UNKNOWN_PART', `unknown part "${value}"; parts are: ${PART_NAMES.join(', ')}`);
}

/** Adds `local up | down | start | stop | status | logs | env` to the bellyfed command line. */
export function registerLocalCommands(program: Command): void {
  const local = program.command('local').description('the local platform: PostgreSQL, Kafka, Connect + Debezium, Apicurio Registry, dynalite');

  local
    .command('up')
    .description('fetch what is missing, start every part, wait until each is ready (harmless when already up)')
    .option('--skip-services', "do not start the project's services (query service, sink worker, monitor)")
    .option('--demo', 'also seed demo data (1,000 restaurants) when the database has none')
    .action(async (options: { skipServices?: boolean; demo?: boolean }) => {
      const config = loadLocalConfig();
      const began = Date.now();
      const result = await platformUp(config, report, {
        services: options.skipServices !== true,
        provision: async () => {
          const platform = await provisionPlatform(config, report);
          if (options.demo) await seedDemo(platform, report);
        },
      });
      report('');
      for (const status of result.statuses) report(formatStatus(status));
      report(`\nlocal platform up in ${((Date.now() - began) / 1000).toFixed(1)} s; state in ${config.stateDir}`);
      report('point a shell at it: eval "$(bellyfed local env)"');
      if (!result.statuses.every(isHealthy)) process.exitCode = 1;
    });

  local
    .command('down')
    .description('stop every part that `local up` started, and nothing else')
    .action(async () => {
      await platformDown(loadLocalConfig(), report);
    });

  local
    .command('stop')
    .argument('<part>', PART_NAMES.join(' | '))
    .description('stop one part that `local up` started (the others keep running)')
    .option('--kill', 'SIGKILL at once, as a crash would, instead of a graceful stop')
    .action(async (part: string, options: { kill?: boolean }) => {
      await stopPart(loadLocalConfig(), partName(part), report, { kill: options.kill === true });
    });

  local
    .command('start')
    .argument('<part>', PART_NAMES.join(' | '))
    .description('start one part again and wait until it is ready (harmless when it runs)')
    .action(async (part: string) => {
      const status = await startPart(loadLocalConfig(), partName(part), report);
      if (!isHealthy(status)) process.exitCode = 1;
    });

  local
    .command('status')
    .description("each part's state; exits non-zero when a part is not ready")
    .action(async () => {
      const statuses = await platformStatus(loadLocalConfig());
      for (const status of statuses) report(formatStatus(status));
      if (!statuses.every(isHealthy)) process.exitCode = 1;
    });

  local
    .command('logs')
    .argument('<part>', PART_NAMES.join(' | '))
    .description("print the end of a part's log")
    .option('-n, --lines <count>', 'how many lines', '100')
    .option('-f, --follow', 'keep printing as the log grows')
    .action(async (part: string, options: { lines: string; follow?: boolean }) => {
      process.exitCode = await tailPartLog(loadLocalConfig(), part, { lines: Number.parseInt(options.lines, 10) || 100, follow: options.follow === true });
    });

  local
    .command('env')
    .description('the platform settings as shell exports: eval "$(bellyfed local env)"')
    .option('--kafka-scram', "point Kafka clients at the broker's SASL/SCRAM-SHA-512 listener (with the local user)")
    .action(async (options: { kafkaScram?: boolean }) => {
      const config = loadLocalConfig();
      report(renderShellExports(options.kafkaScram ? await scramEnvironment(config) : platformEnvironment(config)));
    });
}
