/** Human and machine views of connector status, and the exit code a FAILED anything gives. */
import type { ConnectorStatus } from './types.js';

export const TRACE_LINES = 6;

export function isFailed(status: ConnectorStatus): boolean {
  return status.connector.state === 'FAILED' || status.tasks.some((t) => t.state === 'FAILED');
}

/** 1 when any connector or task is FAILED, so scripts and CI can gate on `connectors status`. */
export function statusExitCode(statuses: readonly ConnectorStatus[]): number {
  return statuses.some(isFailed) ? 1 : 0;
}

/** The first lines of a Java stack trace: the exception and where it came from, not 200 frames. */
export function traceHead(trace: string, lines = TRACE_LINES): string[] {
  const all = trace.split('\n').map((l) => l.replace(/\s+$/, '')).filter((l) => l.length > 0);
  const head = all.slice(0, lines);
  if (all.length > lines) head.push(`... ${all.length - lines} more lines (full trace: GET /connectors/{name}/status)`);
  return head;
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
