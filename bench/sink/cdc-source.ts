/**
 * An isolated Debezium source for `bench sink`, on the running platform: a random migrated
 * database (optionally seeded), prepared for CDC by the project's own prepareSourceDatabase, its
 * own publication, slot, topic prefix and connector — registered from the committed
 * connectors/bellyfed-postgres-source.json — so the benchmark never touches the platform's data.
 * Every piece it creates is registered as a cleanup; stop() removes them in the order PostgreSQL
 * and Connect allow, also after a failure half-way through start.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { API_VALUE_TYPES } from '../../services/shared/database.js';
import { CAPTURED_TABLES, CDC_ROLE, HEARTBEAT_TABLE, SIGNAL_TABLE } from '../../services/model/captured-tables.js';
import { ConnectClient } from '../../services/shared/connect/client.js';
import { loadConnectorDefinitions } from '../../services/connectors/definitions.js';
import { CONNECTORS_DIR } from '../../services/connectors/paths.js';
import { resolvePlaceholders } from '../../services/connectors/placeholders.js';
import { prepareSourceDatabase } from '../../services/connectors/source-database.js';
import type { ConnectorConfig, ConnectorStatus } from '../../services/shared/connect/types.js';
import { loadMigrations, migrate } from '../../services/db/migrate.js';
import { seedDatabase } from '../../services/db/seed/seed.js';
import { processEnvironment, type Config } from '../../services/shared/config.js';
import { BellyfedError } from '../../services/shared/errors.js';
import { deleteSubjects, deleteTopics } from './kafka-admin.js';
import { waitUntil } from './wait.js';

const SOURCE_CONNECTOR = 'bellyfed-postgres-source';

export interface BenchSource {
  readonly id: string;
  readonly pool: pg.Pool;
  readonly topicPrefix: string;
  readonly connector: string;
  /** The connector settings that differ from the committed file (for the report). */
  readonly overrides: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

export interface BenchSourceOptions {
  /** Restaurants seeded before the connector starts (its snapshot reads them). */
  seedRestaurants: number;
  connectorOverrides?: Readonly<Record<string, string>>;
  log: (line: string) => void;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** The benchmark creates and drops databases and connectors: only on this machine's platform. */
export function assertLocalPlatform(config: Config): void {
  const urls: Array<[string, string | undefined]> = [
    ['DATABASE_URL', config.database.url], ['CONNECT_URL', config.connect.url],
    ['SCHEMA_REGISTRY_URL', config.schemaRegistryUrl], ['DYNAMODB_ENDPOINT', config.dynamodb.endpoint],
  ];
  for (const [name, url] of urls) {
    if (url === undefined || !LOOPBACK.has(new URL(url).hostname)) {
      throw new BellyfedError('CLI_USAGE', `bench sink runs only against the local platform: ${name} must point at 127.0.0.1 (eval "$(bellyfed local env)")`);
    }
  }
  for (const broker of config.kafka.brokers) {
    if (!LOOPBACK.has(broker.replace(/:\d+$/, ''))) throw new BellyfedError('CLI_USAGE', 'bench sink runs only against the local platform: KAFKA_BROKERS must be 127.0.0.1');
  }
}

function serverUrl(config: Config, database: string): string {
  const url = new URL(config.database.url);
  url.pathname = `/${database}`;
  return url.toString();
}

async function asAdmin(config: Config, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl(config, 'postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function placeholderValues(config: Config, database: string, topicPrefix: string): Record<string, string> {
  const db = new URL(config.database.url);
  return {
    CDC_DATABASE_HOST: db.hostname,
    CDC_DATABASE_PORT: db.port || '5432',
    CDC_DATABASE_NAME: database,
    CDC_DATABASE_USER: CDC_ROLE,
    // The local cluster trusts loopback; a password set in the environment is passed through, never printed.
    CDC_DATABASE_PASSWORD: processEnvironment().CDC_DATABASE_PASSWORD || 'unused-with-trust-auth',
    CDC_DATABASE_SSLMODE: 'disable',
    CDC_TOPIC_PREFIX: topicPrefix,
    APICURIO_REGISTRY_URL: `${new URL(config.schemaRegistryUrl).origin}/apis/registry/v2`,
  };
}

const allRunning = (s: ConnectorStatus) => s.connector.state === 'RUNNING' && s.tasks.length > 0 && s.tasks.every((t) => t.state === 'RUNNING');
const failureOf = (s: ConnectorStatus) => (s.connector.state === 'FAILED' ? s.connector.trace ?? 'connector FAILED' : s.tasks.find((t) => t.state === 'FAILED')?.trace);

export async function startBenchSource(config: Config, options: BenchSourceOptions): Promise<BenchSource> {
  const id = `bfbench_${randomBytes(4).toString('hex')}`;
  const connector = id.replaceAll('_', '-');
  const connect = new ConnectClient({ ...config.connect, timeoutMs: 30_000 });
  const cleanups: Array<() => Promise<unknown>> = [];
  const stop = async () => {
    const failures: string[] = [];
    for (const cleanup of cleanups.reverse()) await cleanup().catch((err: unknown) => failures.push(String(err)));
    cleanups.length = 0;
    if (failures.length > 0) throw new Error(`bench source cleanup failed: ${failures.join('; ')}`);
  };

  await asAdmin(config, `CREATE DATABASE ${id}`);
  const pool = new pg.Pool({ connectionString: serverUrl(config, id), max: 6, options: '-c TimeZone=UTC', application_name: 'bellyfed-bench-sink', types: API_VALUE_TYPES });
  pool.on('error', () => undefined);
  cleanups.push(async () => {
    await pool.end();
    await asAdmin(config, `DROP DATABASE IF EXISTS ${id} WITH (FORCE)`);
  });
  try {
    await migrate(pool, await loadMigrations());
    if (options.seedRestaurants > 0) await seedDatabase(pool, { restaurants: options.seedRestaurants, seed: 23, reset: false });
    await prepareSourceDatabase(pool);
    const tables = [...CAPTURED_TABLES.map((t) => `public.${t}`), HEARTBEAT_TABLE, SIGNAL_TABLE];
    await pool.query(`CREATE PUBLICATION ${id} FOR TABLE ${tables.join(', ')}`);
    cleanups.push(() => dropSlotWhenInactive(pool, id));
    cleanups.push(() => deleteTopics(config, (t) => t.startsWith(`${id}.`) || t === `__debezium-heartbeat.${id}`));
    cleanups.push(() => deleteSubjects(config, (s) => s.startsWith(`${id}.`) || s.startsWith(`__debezium-heartbeat.${id}-`)));

    const [definition] = await loadConnectorDefinitions(CONNECTORS_DIR, [SOURCE_CONNECTOR]);
    const resolved = resolvePlaceholders(definition!, placeholderValues(config, id, id));
    const overrides = { ...options.connectorOverrides };
    const connectorConfig: ConnectorConfig = { ...resolved.config, ...overrides, name: connector, 'slot.name': id, 'publication.name': id };
    cleanups.push(async () => {
      if ((await connect.findConfig(connector)) !== undefined) await connect.delete(connector);
      await waitUntil(async () => (await connect.findConfig(connector)) === undefined, `connector ${connector} to be deleted`, 30_000);
    });
    options.log(`source: database ${id}, connector ${connector}`);
    await connect.putConfig(connector, connectorConfig);
    const status = await waitUntil(async () => {
      const current = await connect.status(connector);
      return allRunning(current) || failureOf(current) !== undefined ? current : undefined;
    }, `connector ${connector} to be RUNNING`, 60_000);
    const trace = failureOf(status);
    if (trace) throw new Error(`connector ${connector} failed: ${trace.split('\n').slice(0, 3).join(' | ')}`);
    // The slot turns active once the snapshot is done and the walsender streams.
    await waitUntil(() => slotActive(pool, id), `slot ${id} to be streaming`, 120_000);
    return { id, pool, topicPrefix: id, connector, overrides, stop };
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }
}

async function slotActive(pool: pg.Pool, slot: string): Promise<boolean> {
  const { rows } = await pool.query<{ active: boolean }>('SELECT active FROM pg_replication_slots WHERE slot_name = $1', [slot]);
  return rows[0]?.active === true;
}

/** A slot can only be dropped once the deleted connector's walsender has let go of it. */
async function dropSlotWhenInactive(pool: pg.Pool, slot: string): Promise<void> {
  await waitUntil(async () => {
    const { rows } = await pool.query<{ active: boolean }>('SELECT active FROM pg_replication_slots WHERE slot_name = $1', [slot]);
    if (rows.length === 0) return true;
    if (rows[0]!.active) return false;
    await pool.query('SELECT pg_drop_replication_slot($1)', [slot]);
    return true;
  }, `replication slot ${slot} to be dropped`, 30_000);
}
