import { homedir } from 'node:os';
import { join } from 'node:path';

import { loadConfig, type Config } from '../shared/config.js';
import { readPlatformVersions, type PlatformVersions } from './platform-versions.js';
import { findRepoRoot } from './repo-root.js';
import type { InfrastructurePartName, ServicePartName } from './types.js';

/** Every server binds here only: the local platform is never reachable from the network. */
export const LOCAL_HOST = '127.0.0.1';

/** Modest heaps: all of it must fit on a 2-core / 24 GiB machine next to the services and tests. */
export const JAVA_HEAP: Readonly<Record<'kafka' | 'connect' | 'registry', { initial: string; max: string }>> = {
  kafka: { initial: '256m', max: '512m' },
  connect: { initial: '256m', max: '512m' },
  registry: { initial: '128m', max: '384m' },
};

/** Dummy credentials for dynalite, which checks none. Local only; never a real secret. */
export const DYNALITE_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

export interface PartPaths {
  readonly dir: string;
  readonly logFile: string;
  readonly pidFile: string;
}

export interface LocalConfig {
  readonly repoRoot: string;
  /** Downloads (Maven parts), shared by every checkout: `${BELLYFED_HOME}/platform`. */
  readonly platformDir: string;
  /** Runtime state of this checkout: configs, data, pid and log files. */
  readonly stateDir: string;
  readonly versions: PlatformVersions;
  readonly javaBin: string;
  readonly mvnBin: string;
  readonly pgBinDir: string;
  readonly ports: Readonly<Record<InfrastructurePartName | 'kafkaController' | 'kafkaScram', number>>;
  /** Where `local up` runs the project's services: PORT, SINK_PORT, MONITOR_PORT. */
  readonly servicePorts: Readonly<Record<ServicePartName, number>>;
  /** Set when the user brings their own PostgreSQL; undefined means the private cluster. */
  readonly externalDatabaseUrl: string | undefined;
  readonly privateDatabaseUrl: string;
  readonly dynamodb: { readonly table: string; readonly region: string };
  readonly parts: Readonly<Record<InfrastructurePartName, PartPaths>>;
}

/** The local platform's layout, from the configuration's `local` part (and the database and table it provisions). */
export function loadLocalConfig(config: Config = loadConfig(), repoRoot: string = findRepoRoot()): LocalConfig {
  const local = config.local;
  const home = local.homeDir ?? join(homedir(), '.cache', 'bellyfed');
  // State lives in the checkout (gitignored): each checkout, CI's fresh clone included, gets its own
  // cluster, and the private PostgreSQL's data dir must be reachable by the `postgres` user, which
  // a root home (0700) is not.
  const stateDir = local.stateDir ?? join(repoRoot, '.bellyfed', 'state');
  const ports = { ...local.ports };
  const privateDatabaseUrl = `postgres://postgres@${LOCAL_HOST}:${ports.postgres}/bellyfed`;
  const partPaths = (name: InfrastructurePartName): PartPaths => {
    const dir = join(stateDir, name);
    return { dir, logFile: join(dir, `${name}.log`), pidFile: join(dir, `${name}.pid`) };
  };
  return Object.freeze({
    repoRoot,
    platformDir: local.platformDir ?? join(home, 'platform'),
    stateDir,
    versions: readPlatformVersions(repoRoot),
    javaBin: local.javaBin ?? (local.javaHome ? join(local.javaHome, 'bin', 'java') : 'java'),
    mvnBin: local.mvnBin,
    pgBinDir: local.pgBinDir,
    ports: Object.freeze(ports),
    servicePorts: Object.freeze({ query: config.http.port, sink: config.sink.port, monitor: config.monitor.port }),
    // `local env` exports our own URL; pointing back at the private cluster is not "external".
    externalDatabaseUrl: config.database.urlIsExplicit && config.database.url !== privateDatabaseUrl ? config.database.url : undefined,
    privateDatabaseUrl,
    dynamodb: Object.freeze({ table: config.dynamodb.table, region: config.dynamodb.region }),
    parts: Object.freeze({
      postgres: partPaths('postgres'),
      kafka: partPaths('kafka'),
      registry: partPaths('registry'),
      connect: partPaths('connect'),
      dynamodb: partPaths('dynamodb'),
    }),
  });
}

export function databaseUrl(config: LocalConfig): string {
  return config.externalDatabaseUrl ?? config.privateDatabaseUrl;
}

/** The broker's second listener: SASL/SCRAM-SHA-512 authentication (user in scram-credentials.ts). */
export function kafkaScramBrokers(config: LocalConfig): string {
  return `${LOCAL_HOST}:${config.ports.kafkaScram}`;
}

export function kafkaBrokers(config: LocalConfig): string {
  return `${LOCAL_HOST}:${config.ports.kafka}`;
}

export function registryUrl(config: LocalConfig): string {
  return `http://${LOCAL_HOST}:${config.ports.registry}`;
}

/** The Confluent-compatible API that @kafkajs/confluent-schema-registry talks to. */
export function schemaRegistryUrl(config: LocalConfig): string {
  return `${registryUrl(config)}/apis/ccompat/v7`;
}

export function connectUrl(config: LocalConfig): string {
  return `http://${LOCAL_HOST}:${config.ports.connect}`;
}

export function dynamodbEndpoint(config: LocalConfig): string {
  return `http://${LOCAL_HOST}:${config.ports.dynamodb}`;
}
