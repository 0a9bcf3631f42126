/**
 * Removing a test's Debezium source from the shared platform, piece by piece and in the order
 * PostgreSQL allows: the connector, then its slot (once the walsender let go), then topics and
 * subjects. Used by a source's own stop() (cdc.ts) and by the cleanup after killed runs
 * (leftovers.ts).
 */
import { ConnectClient } from '../../services/shared/connect/client.js';
import { loadConfig } from '../../services/shared/config.js';
import { deleteSubjects, deleteTopics } from './kafka.js';
import { assertLocalUrl } from './local-only.js';
import { waitFor } from './wait.js';

export function connectClient(): ConnectClient {
  const config = loadConfig(process.env);
  assertLocalUrl(config.connect.url, 'CONNECT_URL');
  return new ConnectClient({ ...config.connect, timeoutMs: 30_000 });
}

/** Deletes the connector if it exists and waits until Connect no longer lists it. */
export async function deleteConnector(client: ConnectClient, connector: string): Promise<void> {
  if ((await client.findConfig(connector)) !== undefined) await client.delete(connector);
  await waitFor(async () => (await client.findConfig(connector)) === undefined, `connector ${connector} to be deleted`);
}

/** Anything with pg's query(): a pool or a client, in any database of the server. */
interface Queryable {
  query<R extends object>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

/** A slot can only be dropped once the deleted connector's walsender has let go of it. */
export async function dropSlotWhenInactive(db: Queryable, slot: string): Promise<void> {
  await waitFor(
    async () => {
      const { rows } = await db.query<{ active: boolean }>('SELECT active FROM pg_replication_slots WHERE slot_name = $1', [slot]);
      if (rows.length === 0) return true;
      if (rows[0]!.active) return false;
      await db.query('SELECT pg_drop_replication_slot($1)', [slot]);
      return true;
    },
    `replication slot ${slot} to become inactive and be dropped`,
    { timeoutMs: 30_000, intervalMs: 200 },
  );
}

/** The change topics `<prefix>.…`, the heartbeat topic, and their registry subjects. */
export async function deleteSourceTopics(prefix: string): Promise<void> {
  await deleteTopics((t) => t.startsWith(`${prefix}.`) || t === `__debezium-heartbeat.${prefix}`);
  await deleteSubjects((s) => s.startsWith(`${prefix}.`) || s.startsWith(`__debezium-heartbeat.${prefix}-`));
}
