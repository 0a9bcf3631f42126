/** Structured JSON logs. Secrets are redacted by path so a logged config or request never leaks them. */
import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

/**
 * stdout through a buffered, asynchronous writer: one write per 4 KiB of log lines instead of a
 * syscall per request line. Call flushSync() before the process exits (serve commands do).
 */
export function bufferedStdout(): DestinationStream & { flushSync(): void } {
  return pino.destination({ dest: 1, sync: false, minLength: 4096 });
}

export function createLogger(
  options: { level: string; name: string },
  destination?: DestinationStream,
): Logger {
  return pino(
    {
      level: options.level,
      name: options.name,
      base: { service: options.name },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: ['password', '*.password', 'req.headers.authorization', 'req.headers.cookie', '*.databaseUrl'],
        censor: '***',
      },
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}
