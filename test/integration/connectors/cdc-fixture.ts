/**
 * One isolated CDC setup per test: its own role, publication, signal table, slot, topic prefix and
 * connector file, so tests neither see each other nor touch the platform's own connector. Every
 * piece registers its cleanup as it is created.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import type pg from 'pg';
import { ConnectClient } from '../../../services/shared/connect/client.js';
import { CONNECTORS_DIR } from '../../../services/connectors/paths.js';
import type { ConnectorConfig } from '../../../services/shared/connect/types.js';
import type { Config } from '../../../services/shared/config.js';
import { deleteConnector, deleteSourceTopics, dropSlotWhenInactive } from '../../helpers/cdc-teardown.js';

export type Cleanup = () => Promise<void>;

export interface CdcFixture {
  readonly id: string;
  readonly name: string;
  readonly slot: string;
  readonly publication: string;
  readonly signalTable: string;
  readonly topicPrefix: string;
  readonly dir: string;
  readonly file: string;
  readonly password: string;
  /** The environment the CLI runs with: the test's own plus the CDC_* placeholders of this fixture. */
  readonly env: NodeJS.ProcessEnv;
  writeConnector(change?: (config: ConnectorConfig) => void): Promise<void>;
}

export async function createCdcFixture(
  pool: pg.Pool,
  config: Config,
  client: ConnectClient,
  cleanups: Cleanup[],
): Promise<CdcFixture> {
  const id = `bft_${randomBytes(4).toString('hex')}`;
  const name = id.replaceAll('_', '-');
  const password = randomBytes(12).toString('hex');
  const signalTable = `public.${id}_signal`;
  const db = new URL(config.database.url);

  // Created in this order, removed in reverse (cleanups run last-in first-out).
  await pool.query(`CREATE ROLE ${id} LOGIN REPLICATION PASSWORD '${password}'`);
  cleanups.push(async () => {
    await pool.query(`DROP OWNED BY ${id}`);
    await pool.query(`DROP ROLE ${id}`);
  });
  await pool.query(`CREATE TABLE ${signalTable} (id varchar(64) PRIMARY KEY, type varchar(32) NOT NULL, data varchar(2048))`);
  cleanups.push(async () => void (await pool.query(`DROP TABLE IF EXISTS ${signalTable}`)));
  await pool.query(`GRANT SELECT ON public.categories TO ${id}`);
  await pool.query(`GRANT SELECT, INSERT ON ${signalTable} TO ${id}`);
  await pool.query(`CREATE PUBLICATION ${id} FOR TABLE public.categories, ${signalTable}`);
  cleanups.push(async () => void (await pool.query(`DROP PUBLICATION IF EXISTS ${id}`)));
  cleanups.push(() => dropSlotWhenInactive(pool, id));
  cleanups.push(() => deleteSourceTopics(id));

  const dir = await mkdtemp(join(tmpdir(), `${id}-`));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, `${name}.json`);
  cleanups.push(() => deleteConnector(client, name));

  const fixture: CdcFixture = {
    id,
    name,
    slot: id,
    publication: id,
    signalTable,
    topicPrefix: id,
    dir,
    file,
    password,
    env: {
      ...process.env,
      CDC_DATABASE_HOST: db.hostname,
      CDC_DATABASE_PORT: db.port || '5432',
      CDC_DATABASE_NAME: decodeURIComponent(db.pathname.slice(1)),
      CDC_DATABASE_USER: id,
      CDC_DATABASE_PASSWORD: password,
      CDC_TOPIC_PREFIX: id,
    },
    async writeConnector(change) {
      // The committed connector, narrowed to this fixture: its slot, publication, one table, no initial snapshot.
      const source = JSON.parse(await readFile(join(CONNECTORS_DIR, 'bellyfed-postgres-source.json'), 'utf8')) as {
        config: ConnectorConfig;
      };
      const connectorConfig: ConnectorConfig = {
        ...source.config,
        'slot.name': id,
        'publication.name': id,
        'table.include.list': 'public\\.categories',
        'signal.data.collection': signalTable,
        'snapshot.mode': 'no_data',
      };
      delete connectorConfig['heartbeat.action.query']; // the platform's heartbeat table is not this role's
      change?.(connectorConfig);
      await writeFile(file, JSON.stringify({ name, config: connectorConfig }, null, 2));
    },
  };
  return fixture;
}

/** Messages in a topic (0 when it does not exist yet). */
export async function topicMessageCount(config: Config, topic: string): Promise<number> {
  const admin = new Kafka({ clientId: 'bft-offsets', brokers: [...config.kafka.brokers], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    if (!(await admin.listTopics()).includes(topic)) return 0;
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
  } finally {
    await admin.disconnect();
  }
}
