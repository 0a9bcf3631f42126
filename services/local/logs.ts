import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

import type { LocalConfig } from './config.js';
import { LocalPlatformError } from './errors.js';
import { allParts } from './parts/index.js';
import { isPartName, PART_NAMES } from './types.js';

/** Prints the end of a part's log with tail(1); `follow` keeps printing until interrupted. */
export function tailPartLog(config: LocalConfig, partName: string, options: { lines: number; follow: boolean }): Promise<number> {
  if (!isPartName(partName)) {
    throw new LocalPlatformError('LOCAL_UNKNOWN_PART', `unknown part "${partName}"; one of: ${PART_NAMES.join(', ')}`);
  }
  const logFile = allParts(config)[partName].logFile;
  if (!existsSync(logFile)) {
    throw new LocalPlatformError('LOCAL_UNKNOWN_PART', `${partName} has no log yet (${logFile}); run \`local up\` first`);
  }
  const args = ['-n', String(options.lines), ...(options.follow ? ['-F'] : []), logFile];
  return new Promise((resolve, reject) => {
    const child = spawn('tail', args, { stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 0));
  });
}
