/**
 * What `local up` sets up once the parts run, each step idempotent: the app schema, the CDC
 * setup of PostgreSQL (role, publication, heartbeat and signal tables), the DynamoDB table from
 * its one definition, the platform's own topics, and the connectors of connectors/.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { applyConnectors, ConnectClient, loadConnectorDefinitions, prepareSourceDatabase } from '../connectors/index.js';
import { CONNECTORS_DIR } from '../connectors/paths.js';
import { ensureDatabase } from '../db/create-database.js';
import { loadMigrations, migrate } from '../db/migrate.js';
import { hasRestaurants, seedDatabase } from '../db/seed/seed.js';
import { loadConfig, type Config } from '../shared/config.js';
import { createPool } from '../shared/database.js';
import { createDynamoClient } from '../shared/dynamodb/client.js';
import { createKafka } from '../shared/kafka/client.js';
import { createLogger } from '../shared/logger.js';
import { ensureTable } from '../model/table-setup.js';
import { DYNALITE_CREDENTIALS, type LocalConfig } from './config.js';
import { platformEnvironment } from './env.js';
import { ensureScramUser } from './kafka-scram.js';
import type { Reporter } from './types.js';

/**
 * The CDC role's password for the private platform: random per state directory, kept there
 * (0600), never in the repository. The private cluster trusts local logins anyway.
 */
async function localCdcPassword(stateDir: string): Promise<string> {
  const file = join(stateDir, 'cdc-password');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(18).toString('base64url');
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

async function provisionDatabase(config: Config, cdcPassword: string, report: Reporter): Promise<void> {
  const logger = createLogger({ level: 'warn', name: 'local' });
  if (await ensureDatabase(config.database.url)) report(`postgres: created database ${new URL(config.database.url).pathname.slice(1)}`);
  const pool = createPool(config.database.url, { max: 1, applicationName: 'bellyfed-local', logger });
  try {
    const migrated = await migrate(pool, await loadMigrations());
    const prepared = await prepareSourceDatabase(pool, { cdcPassword });
    report(`postgres: ${migrated.applied.length} migration(s) applied, CDC setup (${prepared.applied.length} steps) in place`);
  } finally {
    await pool.end();
  }
}

async function provisionTopics(config: Config, report: Reporter): Promise<void> {
  const kafka = createKafka({ brokers: config.kafka.brokers, security: config.kafka.security, clientId: 'bellyfed-local', logger: createLogger({ level: 'error', name: 'local' }) });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const wanted = [config.sink.dlqTopic, config.analytics.topic];
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((t) => !existing.has(t));
    if (missing.length > 0) {
      await admin.createTopics({ topics: missing.map((topic) => ({ topic, numPartitions: 3, replicationFactor: 1 })), waitForLeaders: true });
    }
    report(`kafka: topics ${wanted.join(', ')} ${missing.length > 0 ? `(created ${missing.join(', ')})` : 'present'}`);
  } finally {
    await admin.disconnect();
  }
}

async function provisionConnectors(config: Config, local: LocalConfig, cdcPassword: string, report: Reporter): Promise<void> {
  const database = new URL(config.database.url);
  const client = new ConnectClient(config.connect);
  await applyConnectors({
    client,
    definitions: await loadConnectorDefinitions(CONNECTORS_DIR),
    env: {
      CDC_DATABASE_HOST: database.hostname,
      CDC_DATABASE_PORT: database.port || '5432',
      CDC_DATABASE_NAME: database.pathname.slice(1),
      CDC_DATABASE_PASSWORD: cdcPassword,
      CDC_TOPIC_PREFIX: config.cdcTopicPrefix,
      APICURIO_REGISTRY_URL: `http://127.0.0.1:${local.ports.registry}/apis/registry/v2`,
    },
    dryRun: false,
    write: (line) => report(`connect: ${line}`),
  });
}

export async function provisionPlatform(local: LocalConfig, report: Reporter): Promise<Config> {
  const config = loadConfig(platformEnvironment(local));
  const cdcPassword = await localCdcPassword(local.stateDir);
  await provisionDatabase(config, cdcPassword, report);
  const dynamo = createDynamoClient(config, { credentials: DYNALITE_CREDENTIALS });
  try {
    const created = await ensureTable(dynamo, config.dynamodb.table);
    report(`dynamodb: table ${config.dynamodb.table} ${created ? 'created' : 'present'}`);
  } finally {
    dynamo.destroy();
  }
  await provisionTopics(config, report);
  if (await ensureScramUser(local)) report(`kafka: SCRAM-SHA-512 user registered for the SASL listener`);
  await provisionConnectors(config, local, cdcPassword, report);
  return config;
}

export const DEMO_RESTAURANTS = 1000;

/** `up --demo`: deterministic demo data, only into a database without restaurants. */
export async function seedDemo(config: Config, report: Reporter): Promise<void> {
  const pool = createPool(config.database.url, { max: 1, applicationName: 'bellyfed-local', logger: createLogger({ level: 'warn', name: 'local' }) });
  try {
    if (await hasRestaurants(pool)) {
      report('demo data: the database already has restaurants; left as it is');
      return;
    }
    const summary = await seedDatabase(pool, { restaurants: DEMO_RESTAURANTS, seed: 1, reset: false });
    report(`demo data: ${Object.values(summary).reduce((a, b) => a + b, 0)} rows seeded (${DEMO_RESTAURANTS} restaurants)`);
  } finally {
    await pool.end();
  }
}
