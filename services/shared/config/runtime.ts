/** Settings every process shares: where HTTP listens, how it logs, how long a shutdown may take. */
import { z } from 'zod';
import { bool, int } from './fields.js';

export const RUNTIME_ENV = {
  HOST: z.string().min(1).default('127.0.0.1').describe('Interface the HTTP services listen on (0.0.0.0 in containers).'),
  PORT: int(0, 65535).default(8080).describe('Port of the query service (0 picks a free port).'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info')
    .describe('pino log level.'),
  SHUTDOWN_TIMEOUT_MS: int(0, 300_000)
    .default(10_000)
    .describe('How long a graceful shutdown waits for in-flight work before it gives up.'),
  BELLYFED_DEBUG: bool.default(false).describe('Print the stack trace of an unexpected CLI error (for a bug report).'),
  NO_COLOR: z.string().optional().describe('Any value turns colour off in terminal output (no-color.org).'),
};

export type LogLevel = z.infer<typeof RUNTIME_ENV.LOG_LEVEL>;

export interface HttpConfig {
  readonly host: string;
  readonly port: number;
}
