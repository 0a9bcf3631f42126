import { spawn } from 'node:child_process';
import { closeSync, openSync, writeFileSync } from 'node:fs';

import { LocalPlatformError } from '../errors.js';

/** Runs a one-shot setup command (initdb, storage format) to completion, output appended to a log. */
export function runToCompletion(what: string, file: string, args: readonly string[], logFile: string, cwd: string): Promise<void> {
  const log = openSync(logFile, 'a');
  writeFileSync(log, `\n=== ${new Date().toISOString()} ${what}: ${file} ${args.join(' ')}\n`);
  return new Promise<void>((resolve, reject) => {
    const child = spawn(file, [...args], { cwd, stdio: ['ignore', log, log] });
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
