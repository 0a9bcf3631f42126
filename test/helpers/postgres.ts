/**
 * Test databases: a template (migrated and seeded once per run) cloned per test file, each with
 * a random name and dropped afterwards (graphile/worker's pattern). Only a local server is used.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { API_VALUE_TYPES } from '../../services/shared/database.js';
import { loadMigrations, migrate } from '../../services/db/migrate.js';
import { seedDatabase } from '../../services/db/seed/seed.js';
import { loadConfig } from '../../services/shared/config.js';
import { createLogger } from '../../services/shared/logger.js';
import { assertLocalUrl } from './local-only.js';

export const quietLogger = createLogger({ level: 'silent', name: 'test' });

/** The server of DATABASE_URL (default: the machine's PostgreSQL), with a given database name. */
export function serverUrl(database: string): string {
  const url = new URL(loadConfig(process.env).database.url);
  assertLocalUrl(url.toString(), 'DATABASE_URL');
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl('postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  pool: pg.Pool;
  drop(): Promise<void>;
}

export function randomName(prefix: string): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

export async function createDatabase(options: { template?: string; prefix?: string } = {}): Promise<TestDatabase> {
  const name = randomName(options.prefix ?? 'bellyfed_test');
  await admin((c) => c.query(`CREATE DATABASE ${name}${options.template ? ` TEMPLATE ${options.template}` : ''}`));
  const url = serverUrl(name);
  const pool = new pg.Pool({ connectionString: url, max: 4, options: '-c TimeZone=UTC', types: API_VALUE_TYPES });
  pool.on('error', () => undefined);
  return {
    name,
    url,
    pool,
    drop: async () => {
      await pool.end();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

export const SEEDED_RESTAURANTS = 60;
export const TEST_SEED = 7;

let template: Promise<string> | undefined;

/** A migrated database seeded with SEEDED_RESTAURANTS restaurants; built once per test run. */
export function seededTemplate(): Promise<string> {
  template ??= (async () => {
    const db = await createDatabase({ prefix: 'bellyfed_tmpl' });
    await migrate(db.pool, await loadMigrations());
    await seedDatabase(db.pool, { restaurants: SEEDED_RESTAURANTS, seed: TEST_SEED, reset: false });
    await db.pool.end();
    templates.push(db.name);
    return db.name;
  })();
  return template;
}

const templates: string[] = [];

/** Drops the templates this run created (called from the root hook). */
export async function dropTemplates(): Promise<void> {
  for (const name of templates.splice(0)) {
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
}

export async function cloneSeeded(): Promise<TestDatabase> {
  return createDatabase({ template: await seededTemplate() });
}
