/**
 * CPU seconds used by the local platform's long-running parts (pids from .bellyfed/state/<part>/
 * <part>.pid), read before and after a phase: where the machine's two cores went.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../services/shared/paths.js';
import { cpuSecondsOf } from '../proc.js';

const PARTS = ['dynamodb', 'kafka', 'connect'] as const;
export type CpuPart = (typeof PARTS)[number] | 'contender';

function pidOf(part: string): number | undefined {
  const file = join(PROJECT_ROOT, '.bellyfed', 'state', part, `${part}.pid`);
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

export type CpuSnapshot = Partial<Record<CpuPart, number>>;

export function cpuSnapshot(contenderPid: number = process.pid): CpuSnapshot {
  const out: CpuSnapshot = {};
  for (const part of PARTS) {
    const pid = pidOf(part);
    const cpu = pid === undefined ? undefined : cpuSecondsOf(pid);
    if (cpu !== undefined) out[part] = cpu;
  }
  const own = cpuSecondsOf(contenderPid);
  if (own !== undefined) out.contender = own;
  return out;
}

/** CPU seconds per part between two snapshots. */
export function cpuUsed(before: CpuSnapshot, after: CpuSnapshot): CpuSnapshot {
  const out: CpuSnapshot = {};
  for (const key of Object.keys(after) as CpuPart[]) {
    const a = before[key];
    const b = after[key];
    if (a !== undefined && b !== undefined) out[key] = b - a;
  }
  return out;
}
