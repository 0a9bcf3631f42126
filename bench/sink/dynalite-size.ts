/**
 * dynalite keeps the data of the tables a run drops in its LevelDB directory and slows down as
 * that grows (after about fifteen `bench sink` runs, 10 GB, the sink's median ratio fell from
 * 0.88 to 0.73–0.80). A run on such a directory says so before it starts measuring.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const LARGE_DYNALITE_BYTES = 2 * 2 ** 30;

/** Bytes of the files under `dir` (0 when it does not exist). */
export function directoryBytes(dir: string): number {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  let total = 0;
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += directoryBytes(path);
    else if (entry.isFile()) total += statSync(path, { throwIfNoEntry: false })?.size ?? 0;
  }
  return total;
}

/** The warning for a data directory of `bytes`, or undefined when it is small enough not to matter. */
export function largeDynaliteWarning(dir: string, bytes: number, limit = LARGE_DYNALITE_BYTES): string | undefined {
  if (bytes < limit) return undefined;
  return `warning: dynalite's data directory ${dir} holds ${(bytes / 2 ** 30).toFixed(1)} GB from earlier runs: dynalite is slower ` +
    'and the figures noisier on it; for figures worth recording: bellyfed local stop dynamodb, remove that directory, bellyfed local up';
}
