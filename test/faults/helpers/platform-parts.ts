/**
 * Stops and starts parts of the running local platform, through the same code as
 * `bellyfed local stop|start PART`. Only for the fault tier, which runs alone on its platform.
 */
import { loadLocalConfig } from '../../../services/local/config.js';
import { startPart, stopPart } from '../../../services/local/platform.js';
import type { InfrastructurePartName } from '../../../services/local/types.js';

const quiet = (line: string) => process.stdout.write(`        ${line}\n`);

export async function stopPlatformPart(name: InfrastructurePartName, options: { kill?: boolean } = {}): Promise<void> {
  const stopped = await stopPart(loadLocalConfig(), name, quiet, options);
  if (!stopped) throw new Error(`${name} was not running as a part of the local platform: nothing to break`);
}

export async function startPlatformPart(name: InfrastructurePartName): Promise<void> {
  await startPart(loadLocalConfig(), name, quiet);
}
