/** Runs `bellyfed connectors …` in-process, with its own environment, capturing output and exit status. */
import { Command, CommanderError } from 'commander';
import { ExitCode } from '../../../services/cli/run-command.js';
import { registerConnectorCommands } from '../../../services/connectors/index.js';
import { BellyfedError } from '../../../services/shared/errors.js';

export interface CliResult {
  readonly exitCode: number;
  readonly stdout: string;
  /** The error that ended the command, if any: assert on its code. */
  readonly error: BellyfedError | Error | undefined;
}

export async function runConnectorsCli(args: readonly string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  const lines: string[] = [];
  const program = new Command('bellyfed').exitOverride().configureOutput({ writeOut: (s) => lines.push(s), writeErr: () => {} });
  registerConnectorCommands(program, { env, write: (text) => lines.push(text) });
  for (const command of program.commands) command.exitOverride();
  try {
    await program.parseAsync(['node', 'bellyfed', 'connectors', ...args]);
    return { exitCode: 0, stdout: lines.join('\n'), error: undefined };
  } catch (err) {
    // The same mapping as the CLI's reportFailure: ExitCode as is, usage 2, anything else 1.
    const exitCode =
      err instanceof ExitCode ? err.code : err instanceof CommanderError || (err instanceof BellyfedError && err.code === 'CLI_USAGE') ? 2 : 1;
    return { exitCode, stdout: lines.join('\n'), error: err instanceof ExitCode ? undefined : (err as Error) };
  }
}
