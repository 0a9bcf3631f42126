/** The `bellyfed` command line: one entry for every job of the platform. */
import { Command, CommanderError } from 'commander';
import { describeEnv } from '../shared/config.js';
import { registerBenchCommands } from './commands/bench.js';
import { registerDbCommands } from './commands/db.js';
import { registerDlqCommands } from './commands/dlq.js';
import { registerLagCommands } from './commands/lag.js';
import { registerReconcileCommands } from './commands/reconcile.js';
import { registerServeCommands } from './commands/serve.js';
import { registerLocalCommands } from '../local/index.js';
import { registerConnectorCommands } from '../connectors/index.js';
import { registerDeployCommands } from './commands/deploy.js';
import { reportFailure } from './run-command.js';

export function buildProgram(): Command {
  const program = new Command('bellyfed')
    .description('Bellyfed data platform: read API on PostgreSQL, CDC to Kafka, projection into DynamoDB')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  program.configureHelp({ sortSubcommands: true });
  program.addHelpText(
    'after',
    `\nConfiguration comes from environment variables:\n${describeEnv()
      .map((v) => `  ${v.name.padEnd(30)} ${v.defaultValue !== undefined ? `(default ${v.defaultValue})` : '(optional)'}`)
      .join('\n')}\nSee README.md for what each one does.`,
  );
  registerDbCommands(program);
  registerServeCommands(program);
  registerDlqCommands(program);
  registerBenchCommands(program);
  registerLocalCommands(program);
  registerConnectorCommands(program);
  registerLagCommands(program);
  registerReconcileCommands(program);
  registerDeployCommands(program);
  return program;
}

export async function run(argv: string[], program: Command = buildProgram()): Promise<number> {
  for (const command of program.commands) command.exitOverride();
  try {
    await program.parseAsync(argv);
    // Commands that report a state through their exit status (status, lag, …) set process.exitCode.
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Commander has printed its message (or the help) already.
      return err.code === 'commander.helpDisplayed' || err.code === 'commander.help' || err.code === 'commander.version' ? 0 : 2;
    }
    return reportFailure(err);
  }
}
