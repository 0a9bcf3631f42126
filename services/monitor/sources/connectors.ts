/**
 * Connector and task states of the watched connectors, in one Connect call. A watched connector
 * Connect does not know is reported MISSING (deleted, or never applied).
 */
import type { ConnectClient } from '../../shared/connect/client.js';
import { traceHead } from '../../shared/connect/trace.js';
import type { ConnectorStatus } from '../../shared/connect/types.js';
import type { ConnectorHealth } from '../types.js';

const TRACE_LINES = 4;

export async function readConnectors(client: ConnectClient, names: readonly string[]): Promise<ConnectorHealth[]> {
  const statuses = await client.listWithStatus();
  return names.map((name) => {
    const status = statuses.find((s) => s.name === name);
    return status === undefined ? missing(name) : toHealth(status);
  });
}

function missing(name: string): ConnectorHealth {
  return { name, state: 'MISSING', workerId: null, trace: null, tasks: [] };
}

function trace(text: string | undefined): string | null {
  return text ? traceHead(text, TRACE_LINES).join('\n') : null;
}

export function toHealth(status: ConnectorStatus): ConnectorHealth {
  return {
    name: status.name,
    state: status.connector.state,
    workerId: status.connector.worker_id,
    trace: trace(status.connector.trace),
    tasks: [...status.tasks]
      .sort((a, b) => a.id - b.id)
      .map((t) => ({ id: t.id, state: t.state, workerId: t.worker_id, trace: t.state === 'FAILED' ? trace(t.trace) : null })),
  };
}
