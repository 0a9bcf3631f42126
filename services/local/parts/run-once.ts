import { spawn } from 'node:child_process';
import { appendFileSync, closeSync, openSync, writeFileSync } from 'node:fs';

import { LocalPlatformError } from '../errors.js';

export interface RunOptions {
  /** Secrets in the arguments or the output: replaced by *** wherever the log would show them. */
  readonly secrets?: readonly string[];
}

function redact(text: string, secrets: readonly string[]): string {
  return secrets.reduce((out, secret) => (secret.length > 0 ? out.split(secret).join('***') : out), text);
}

/** Runs a one-shot setup command (initdb, storage format) to completion, output appended to a log. */
export function runToCompletion(
  what: string,
  file: string,
  args: readonly string[],
  logFile: string,
  cwd: string,
  options: RunOptions = {},
): Promise<void> {
  const secrets = options.secrets ?? [];
  const log = openSync(logFile, 'a');
  writeFileSync(log, `\n=== ${new Date().toISOString()} ${what}: ${redact(`${file} ${args.join(' ')}`, secrets)}\n`);
  return new Promise<void>((resolve, reject) => {
    // With secrets, output goes through a pipe so an error message that echoes one is redacted.
    const child = spawn(file, [...args], { cwd, stdio: ['ignore', secrets.length > 0 ? 'pipe' : log, secrets.length > 0 ? 'pipe' : log] });
    const copy = (chunk: Buffer) => appendFileSync(logFile, redact(chunk.toString(), secrets));
    child.stdout?.on('data', copy);
    child.stderr?.on('data', copy);
    child.on('error', (error) => {
      closeSync(log);
      reject(new LocalPlatformError('LOCAL_PREREQUISITE_MISSING', `${what}: cannot run ${file}`, { cause: error }));
    });
    child.on('close', (code) => {
      closeSync(log);
      if (code === 0) resolve();
      else reject(new LocalPlatformError('LOCAL_PART_EXITED', `${what} failed (exit ${code}); see ${logFile}`));
    });
  });
}
