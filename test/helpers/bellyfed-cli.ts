/** `bellyfed …` as an operator runs it: a separate process (needs `npm run build`). */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../../services/shared/paths.js';

export function runBellyfed(args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ stdout: string; stderr: string }> {
  return promisify(execFile)(process.execPath, [join(PROJECT_ROOT, 'bin', 'bellyfed.js'), ...args], { env, maxBuffer: 64 * 1024 * 1024 });
}
