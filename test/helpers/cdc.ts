/**
 * One isolated Debezium source per test file on the running platform: a random migrated
 * database, prepared for CDC by the project's own prepareSourceDatabase, a random publication,
 * slot, topic prefix and connector name, registered from connectors/bellyfed-postgres-source.json
 * through Connect's REST API. stop() removes every piece, in the order PostgreSQL allows.
 */
import { randomBytes } from 'node:crypto';
import { CAPTURED_TABLES, HEARTBEAT_TABLE, SIGNAL_TABLE, CDC_ROLE } from '../../services/model/captured-tables.js';
import { loadConnectorDefinitions } from '../../services/connectors/definitions.js';
import { CONNECTORS_DIR } from '../../services/connectors/paths.js';
import { resolvePlaceholders } from '../../services/connectors/placeholders.js';
import { prepareSourceDatabase } from '../../services/connectors/source-database.js';
import type { ConnectorConfig, ConnectorStatus } from '../../services/shared/connect/types.js';
import { loadMigrations, migrate } from '../../services/db/migrate.js';
import { seedDatabase } from '../../services/db/seed/seed.js';
import { loadConfig } from '../../services/shared/config.js';
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { bigintLongType } from '../../services/sink/decode/bigint-long.js';
import { connectClient, deleteConnector, deleteSourceTopics, dropSlotWhenInactive } from './cdc-teardown.js';
import type { CollectedMessage } from './kafka.js';
import { recordLeftover } from './leftovers.js';
import { createDatabase, type TestDatabase } from './postgres.js';
import { waitFor } from './wait.js';

const SOURCE_CONNECTOR = 'bellyfed-postgres-source';

export interface CdcSource {
  readonly db: TestDatabase;
  readonly connector: string;
  readonly topicPrefix: string;
  readonly slot: string;
  /** The connector config as registered (placeholders filled), e.g. to read tombstones.on.delete. */
  readonly config: ConnectorConfig;
  topic(table: string): string;
  stop(): Promise<void>;
}

/**
 * The placeholders of the committed connector file, pointed at the test database. Debezium logs in
 * as the project's CDC role; its password comes from CDC_DATABASE_PASSWORD when set, otherwise any
 * value works because the private cluster trusts loopback (prepareSourceDatabase sets no password
 * here: the role is shared by the whole server, and changing it would break the platform's connector).
 */
function placeholderValues(databaseUrl: string, topicPrefix: string): Record<string, string> {
  const db = new URL(databaseUrl);
  const registry = new URL(loadConfig(process.env).schemaRegistryUrl);
  return {
    CDC_DATABASE_HOST: db.hostname,
    CDC_DATABASE_PORT: db.port || '5432',
    CDC_DATABASE_NAME: decodeURIComponent(db.pathname.slice(1)),
    CDC_DATABASE_USER: CDC_ROLE,
    CDC_DATABASE_PASSWORD: process.env.CDC_DATABASE_PASSWORD || 'unused-with-trust-auth',
    CDC_DATABASE_SSLMODE: 'disable',
    CDC_TOPIC_PREFIX: topicPrefix,
    // The Apicurio converter speaks the registry's v2 API, next to the ccompat API the tests use.
    APICURIO_REGISTRY_URL: `${registry.origin}/apis/registry/v2`,
  };
}

function allRunning(status: ConnectorStatus): boolean {
  return status.connector.state === 'RUNNING' && status.tasks.length > 0 && status.tasks.every((t) => t.state === 'RUNNING');
}

function failure(status: ConnectorStatus): string | undefined {
  if (status.connector.state === 'FAILED') return status.connector.trace ?? 'connector FAILED';
  return status.tasks.find((t) => t.state === 'FAILED')?.trace;
}

export interface CdcSourceOptions {
  /** Start of the random names (database, slot, publication, topic prefix, connector). */
  readonly idPrefix?: string;
  /** Seed this many restaurants before the connector starts: its snapshot then reads them. */
  readonly seedRestaurants?: number;
  /** Connector settings over the committed definition's (e.g. a faster heartbeat). */
  readonly connectorOverrides?: Readonly<Record<string, string>>;
}

export async function startCdcSource(options: CdcSourceOptions = {}): Promise<CdcSource> {
  const id = `${options.idPrefix ?? 'bfcdc'}_${randomBytes(4).toString('hex')}`;
  const connector = id.replaceAll('_', '-');
  const client = connectClient();
  const db = await createDatabase({ prefix: id });
  // Written down until the cleanup below succeeds: a killed run's pieces are removed by the next run.
  const forget = recordLeftover({ connector, slot: id, database: db.name, topicPrefix: id });
  const cleanups: Array<() => Promise<unknown>> = [() => db.drop()];
  const stop = async () => {
    const failures: unknown[] = [];
    for (const cleanup of cleanups.reverse()) await cleanup().catch((err: unknown) => failures.push(err));
    cleanups.length = 0;
    if (failures.length > 0) throw new Error(`CDC cleanup failed: ${failures.map(String).join('; ')}`);
    forget();
  };
  try {
    await migrate(db.pool, await loadMigrations());
    if (options.seedRestaurants !== undefined) {
      await seedDatabase(db.pool, { restaurants: options.seedRestaurants, seed: 11, reset: false });
    }
    await prepareSourceDatabase(db.pool);
    // The committed SQL creates a fixed-name publication (bellyfed_pub); a random one of the same
    // tables keeps this run's connector config distinguishable from the platform's.
    const tables = [...CAPTURED_TABLES.map((t) => `public.${t}`), HEARTBEAT_TABLE, SIGNAL_TABLE];
    await db.pool.query(`CREATE PUBLICATION ${id} FOR TABLE ${tables.join(', ')}`);
    cleanups.push(() => dropSlotWhenInactive(db.pool, id));
    cleanups.push(() => deleteSourceTopics(id));

    const [definition] = await loadConnectorDefinitions(CONNECTORS_DIR, [SOURCE_CONNECTOR]);
    const resolved = resolvePlaceholders(definition!, placeholderValues(db.url, id));
    const config: ConnectorConfig = { ...resolved.config, ...options.connectorOverrides, name: connector, 'slot.name': id, 'publication.name': id };
    cleanups.push(() => deleteConnector(client, connector));
    await client.putConfig(connector, config);
    // Stop waiting as soon as it is RUNNING or FAILED: a failure does not cure itself.
    const status = await waitFor(
      async () => {
        const current = await client.status(connector);
        return allRunning(current) || failure(current) !== undefined ? current : undefined;
      },
      `connector ${connector} to be RUNNING`,
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    const trace = failure(status);
    if (trace) throw new Error(`connector ${connector} failed: ${trace.split('\n').slice(0, 3).join(' | ')}`);
    // RUNNING comes before streaming: the slot turns active when the snapshot is done and the
    // walsender streams. Changes made from then on arrive as c/u/d events, never as snapshot reads.
    await waitFor(() => slotActive(db, id), `slot ${id} to be streaming`, { timeoutMs: 90_000, intervalMs: 100 });
    return { db, connector, topicPrefix: id, slot: id, config, topic: (table) => `${id}.public.${table}`, stop };
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }
}

async function slotActive(db: TestDatabase, slot: string): Promise<boolean> {
  const { rows } = await db.pool.query<{ active: boolean }>('SELECT active FROM pg_replication_slots WHERE slot_name = $1', [slot]);
  return rows[0]?.active === true;
}

/** A Debezium change event: the envelope the connector writes as the record value. */
export interface ChangeEnvelope {
  readonly before: Record<string, unknown> | null;
  readonly after: Record<string, unknown> | null;
  readonly op: 'c' | 'u' | 'd' | 'r' | 't' | 'm';
  readonly source: { readonly lsn: bigint | number | null; readonly table: string; readonly [field: string]: unknown };
}

export interface DecodedChange {
  readonly message: CollectedMessage;
  readonly key: Record<string, unknown>;
  readonly keySchemaId: number;
  /** undefined for a tombstone (null value). */
  readonly valueSchemaId: number | undefined;
  readonly value: ChangeEnvelope | null;
}

type RegistryMiddleware = NonNullable<ConstructorParameters<typeof SchemaRegistry>[0]['middlewares']>[number];

/**
 * Works around Apicurio Registry 3.0.9: its ccompat `GET /schemas/ids/{id}` first guesses the
 * content's artifact type and fails ("Failed to discover artifact type from content", HTTP 400)
 * for Debezium schemas with a `"default": "{}"` (a jsonb column defaulting to '{}', as
 * restaurants.opening_hours does). `GET /schemas/ids/{id}/schema`, the same Confluent API, returns
 * the schema itself; it is asked instead and answered in the shape the client expects. Every
 * subject of this platform is Avro, so nothing is lost.
 */
const schemaByIdWithoutTypeDiscovery: RegistryMiddleware = () => ({
  async prepareRequest(next) {
    const request = await next();
    return /^\/schemas\/ids\/\d+$/.test(request.path()) ? request.enhance({ path: '/schemas/ids/{id}/schema' }) : request;
  },
  async response(next) {
    const response = await next();
    if (!/^\/schemas\/ids\/\d+\/schema$/.test(response.request().path()) || response.status() !== 200) return response;
    return response.enhance({
      rawData: JSON.stringify({ schema: response.rawData() }),
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    });
  },
});

/**
 * @kafkajs/confluent-schema-registry with longs as BigInt (services/sink/decode/bigint-long.ts:
 * Debezium 3's ts_ns exceeds 2^53), plus the Apicurio workaround above. Only a typeHook, no `registry: { long }`:
 * the client copies its options shallowly, so avsc would record every named type in that one
 * shared registry and the second schema naming io.debezium.connector.postgresql.Source fails with
 * "duplicate type name". avsc turns the primitive "long" into {type: "long"} before calling the
 * hook, so the hook alone covers both spellings.
 */
export function debeziumRegistry(host: string): SchemaRegistry {
  const long = bigintLongType();
  const isPlainLong = (schema: unknown) =>
    schema === 'long' || (typeof schema === 'object' && schema !== null && (schema as { type?: unknown }).type === 'long' && !('logicalType' in schema));
  return new SchemaRegistry(
    { host, middlewares: [schemaByIdWithoutTypeDiscovery] },
    { [SchemaType.AVRO]: { typeHook: (schema: unknown) => (isPlainLong(schema) ? long : undefined) } } as never,
  );
}

/** Decodes key and value through the registry, as the sink does. */
export async function decodeChange(registry: SchemaRegistry, message: CollectedMessage): Promise<DecodedChange> {
  if (!message.key) throw new Error(`message at ${message.topic}/${message.partition}@${message.offset} has no key`);
  const decodeOne = async (bytes: Buffer) => {
    if (bytes.length < 5 || bytes[0] !== 0) throw new Error(`not in the Confluent wire format (first byte ${bytes[0]}, ${bytes.length} bytes)`);
    return { schemaId: bytes.readInt32BE(1), value: (await registry.decode(bytes)) as unknown };
  };
  const key = await decodeOne(message.key);
  const value = message.value === null ? undefined : await decodeOne(message.value);
  return {
    message,
    key: key.value as Record<string, unknown>,
    keySchemaId: key.schemaId,
    valueSchemaId: value?.schemaId,
    value: (value?.value ?? null) as ChangeEnvelope | null,
  };
}
