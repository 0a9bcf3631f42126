/** Shared plumbing of CLI commands: configuration, logger, and errors turned into one clear line. */
import { debugRequested, loadConfig, type Config } from '../shared/config.js';
import { BellyfedError, describeError } from '../shared/errors.js';
import { ExitCode } from '../shared/exit-code.js';
import { bufferedStdout, createLogger, type Logger } from '../shared/logger.js';

export { ExitCode };

export interface CommandContext {
  config: Config;
  logger: Logger;
}

/** Loads the configuration and builds a logger on stderr (stdout stays for the command's output). */
export function commandContext(name: string): CommandContext {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel, name }, process.stderr);
  return { config, logger };
}

/** For long-running services: JSON logs on stdout, buffered; flushed by the returned function at exit. */
export function serviceContext(name: string): CommandContext & { flushLogs(): void } {
  const config = loadConfig();
  const destination = bufferedStdout();
  const logger = createLogger({ level: config.logLevel, name }, destination);
  return { config, logger, flushLogs: () => destination.flushSync() };
}

export function reportFailure(err: unknown): number {
  if (err instanceof ExitCode) return err.code;
  // Every coded error (the local platform's included) says what to do: not "unexpected".
  if (err instanceof BellyfedError) {
    process.stderr.write(`bellyfed: ${describeError(err)}\n`);
    return err.code === 'CLI_USAGE' ? 2 : 1;
  }
  process.stderr.write(`bellyfed: unexpected error: ${describeError(err)}\n`);
  if (debugRequested() && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  return 1;
}
