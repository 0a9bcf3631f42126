/** Human and machine views of connector status, and the exit code a FAILED anything gives. */
import { traceHead } from '../shared/connect/trace.js';
import type { ConnectorStatus } from '../shared/connect/types.js';


export function isFailed(status: ConnectorStatus): boolean {
  return status.connector.state === 'FAILED' || status.tasks.some((t) => t.state === 'FAILED');
}

/** 1 when any connector or task is FAILED, so scripts and CI can gate on `connectors status`. */
export function statusExitCode(statuses: readonly ConnectorStatus[]): number {
  return statuses.some(isFailed) ? 1 : 0;
}


export function renderStatus(status: ConnectorStatus): string {
  const out = [`${status.name}: ${status.connector.state} (worker ${status.connector.worker_id})`];
  if (status.connector.trace) out.push(...traceHead(status.connector.trace).map((l) => `    ${l}`));
  if (status.tasks.length === 0) out.push('  no tasks (starting, or the connector is not running)');
  for (const task of [...status.tasks].sort((a, b) => a.id - b.id)) {
    out.push(`  task ${task.id}: ${task.state} (worker ${task.worker_id})`);
    if (task.state === 'FAILED' && task.trace) out.push(...traceHead(task.trace).map((l) => `      ${l}`));
  }
  return out.join('\n');
}

/** Compact record for --json: states plus the first trace line of what failed. */
export function statusSummary(status: ConnectorStatus): Record<string, unknown> {
  const firstLine = (trace: string | undefined) => (trace ? traceHead(trace, 1)[0] : undefined);
  return {
    name: status.name,
    state: status.connector.state,
    workerId: status.connector.worker_id,
    error: firstLine(status.connector.trace),
    failed: isFailed(status),
    tasks: status.tasks.map((t) => ({ id: t.id, state: t.state, workerId: t.worker_id, error: firstLine(t.trace) })),
  };
}
