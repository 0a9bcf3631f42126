import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import pg from 'pg';

import { LOCAL_HOST, type LocalConfig } from '../config.js';
import { LocalPlatformError } from '../errors.js';
import { probePostgres } from '../readiness.js';
import type { Part } from '../types.js';
import { runToCompletion } from './run-once.js';

const APP_DATABASE = 'bellyfed';

/** Server settings of the private cluster, passed with -c so nothing in the data dir needs editing. */
function serverSettings(config: LocalConfig): Record<string, string> {
  return {
    listen_addresses: LOCAL_HOST,
    port: String(config.ports.postgres),
    // TCP only: no socket file that could collide with the machine's own cluster
    unix_socket_directories: '',
    wal_level: 'logical',
    max_replication_slots: '10',
    max_wal_senders: '10',
    // a forgotten slot must not fill the disk of a developer machine
    max_slot_wal_keep_size: '2GB',
    shared_buffers: '128MB',
  };
}

/**
 * initdb and postgres refuse to run as root: as root we drop to the `postgres` OS user with
 * setpriv, which execs (no fork), so the pid we record is the postmaster's own.
 */
function asPostgresUser(file: string, args: string[]): { file: string; args: string[] } {
  if (process.getuid?.() !== 0) return { file, args };
  return { file: 'setpriv', args: ['--reuid=postgres', '--regid=postgres', '--init-groups', '--', file, ...args] };
}

function postgresUserIds(): { uid: number; gid: number } {
  const id = (flag: string) => Number.parseInt(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim(), 10);
  const ids = { uid: id('-u'), gid: id('-g') };
  if (!Number.isInteger(ids.uid) || !Number.isInteger(ids.gid)) {
    throw new LocalPlatformError('LOCAL_PREREQUISITE_MISSING', 'running as root needs a `postgres` OS user (install the postgresql package) or set DATABASE_URL');
  }
  return ids;
}

function assertPostgresUserCanReach(dir: string): void {
  const { file, args } = asPostgresUser('test', ['-x', dir]);
  if (spawnSync(file, args).status !== 0) {
    throw new LocalPlatformError(
      'LOCAL_PREREQUISITE_MISSING',
      `the postgres OS user cannot reach ${dir} (a parent folder is private); set BELLYFED_STATE_DIR to a folder it can traverse`,
    );
  }
}

/** The user's own PostgreSQL (DATABASE_URL): only checked, never started or stopped. */
function externalPostgresPart(config: LocalConfig, databaseUrl: string): Part {
  const url = new URL(databaseUrl);
  return {
    name: 'postgres',
    endpoint: `${url.hostname}:${url.port || '5432'}${url.pathname}`,
    external: true,
    logFile: config.parts.postgres.logFile,
    pidFile: config.parts.postgres.pidFile,
    commandMarker: 'external',
    stopSignal: 'SIGINT',
    startTimeoutMs: 10_000,
    async prepare() {},
    launchCommand() {
      throw new LocalPlatformError('LOCAL_CONFIG_INVALID', 'an external PostgreSQL (DATABASE_URL) is never started by `local up`');
    },
    probe: () => probePostgres(databaseUrl, url.pathname.replace(/^\//, '') || 'postgres'),
  };
}

/** A private cluster in the state dir, on its own port, so nothing on the machine is reconfigured. */
function privatePostgresPart(config: LocalConfig): Part {
  const paths = config.parts.postgres;
  const dataDir = join(paths.dir, 'data');
  const bin = (name: string) => join(config.pgBinDir, name);

  return {
    name: 'postgres',
    endpoint: `${LOCAL_HOST}:${config.ports.postgres}/${APP_DATABASE}`,
    external: false,
    logFile: paths.logFile,
    pidFile: paths.pidFile,
    commandMarker: `-D ${dataDir}`,
    // fast shutdown: SIGTERM (smart) would wait for every client, Connect's replication included
    stopSignal: 'SIGINT',
    startTimeoutMs: 60_000,
    async prepare() {
      if (!existsSync(bin('postgres'))) {
        throw new LocalPlatformError('LOCAL_PREREQUISITE_MISSING', `no PostgreSQL server binaries in ${config.pgBinDir}; set BELLYFED_PG_BIN or DATABASE_URL`);
      }
      mkdirSync(paths.dir, { recursive: true, mode: 0o755 });
      if (existsSync(join(dataDir, 'PG_VERSION'))) return;
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      if (process.getuid?.() === 0) {
        const { uid, gid } = postgresUserIds();
        chmodSync(paths.dir, 0o755);
        chownSync(dataDir, uid, gid);
        assertPostgresUserCanReach(paths.dir);
      }
      // trust is safe only because the server listens on 127.0.0.1 alone (see serverSettings)
      const initdb = asPostgresUser(bin('initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C']);
      await runToCompletion('initdb', initdb.file, initdb.args, paths.logFile, paths.dir);
    },
    launchCommand() {
      const settings = Object.entries(serverSettings(config)).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
      const { file, args } = asPostgresUser(bin('postgres'), ['-D', dataDir, ...settings]);
      return { file, args, cwd: paths.dir };
    },
    probe: () => probePostgres(config.privateDatabaseUrl, 'postgres'),
    async afterReady() {
      const url = new URL(config.privateDatabaseUrl);
      url.pathname = '/postgres';
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      try {
        const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [APP_DATABASE]);
        if (rowCount === 0) await client.query(`CREATE DATABASE ${APP_DATABASE}`);
      } finally {
        await client.end();
      }
    },
  };
}

export function postgresPart(config: LocalConfig): Part {
  return config.externalDatabaseUrl ? externalPostgresPart(config, config.externalDatabaseUrl) : privatePostgresPart(config);
}
