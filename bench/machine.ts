/** A description of the machine a benchmark ran on, for the results file. */
import { cpus, totalmem } from 'node:os';

export function describeMachine(extra: Record<string, string> = {}): Record<string, string> {
  const cpu = cpus()[0];
  return {
    cpu: `${cpu?.model ?? 'unknown'} × ${cpus().length}`,
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    ...extra,
  };
}
