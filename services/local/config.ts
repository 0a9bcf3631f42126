import { homedir } from 'node:os';
import { join } from 'node:path';

import { z } from 'zod';

import { LocalPlatformError } from './errors.js';
import { readPlatformVersions, type PlatformVersions } from './platform-versions.js';
import { findRepoRoot } from './repo-root.js';
import type { InfrastructurePartName } from './types.js';

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

const port = (fallback: number) => z.coerce.number().int().min(1024).max(65535).default(fallback);

const EnvSchema = z.object({
  HOME: z.string().min(1).optional(),
  BELLYFED_HOME: z.string().min(1).optional(),
  BELLYFED_PLATFORM_DIR: z.string().min(1).optional(),
  BELLYFED_STATE_DIR: z.string().min(1).optional(),
  BELLYFED_JAVA: z.string().min(1).optional(),
  JAVA_HOME: z.string().min(1).optional(),
  BELLYFED_MVN: z.string().min(1).default('mvn'),
  BELLYFED_PG_BIN: z.string().min(1).default('/usr/lib/postgresql/15/bin'),
  BELLYFED_POSTGRES_PORT: port(55432),
  BELLYFED_KAFKA_PORT: port(9092),
  BELLYFED_KAFKA_CONTROLLER_PORT: port(9093),
  BELLYFED_KAFKA_SCRAM_PORT: port(9094),
  BELLYFED_REGISTRY_PORT: port(8081),
  BELLYFED_CONNECT_PORT: port(8083),
  BELLYFED_DYNAMODB_PORT: port(8000),
  DATABASE_URL: z.string().url().optional(),
  DYNAMODB_TABLE: z.string().min(3).default('bellyfed'),
  DYNAMODB_REGION: z.string().min(1).default('us-east-1'),
});

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
  /** Set when the user brings their own PostgreSQL; undefined means the private cluster. */
  readonly externalDatabaseUrl: string | undefined;
  readonly privateDatabaseUrl: string;
  readonly dynamodb: { readonly table: string; readonly region: string };
  readonly parts: Readonly<Record<InfrastructurePartName, PartPaths>>;
}

export function loadLocalConfig(env: NodeJS.ProcessEnv = process.env, repoRoot: string = findRepoRoot()): LocalConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new LocalPlatformError('LOCAL_CONFIG_INVALID', `invalid local platform environment: ${problems}`);
  }
  const e = parsed.data;
  const home = e.BELLYFED_HOME ?? join(e.HOME ?? homedir(), '.cache', 'bellyfed');
  // State lives in the checkout (gitignored): each checkout, CI's fresh clone included, gets its own
  // cluster, and the private PostgreSQL's data dir must be reachable by the `postgres` user, which
  // a root home (0700) is not.
  const stateDir = e.BELLYFED_STATE_DIR ?? join(repoRoot, '.bellyfed', 'state');
  const ports = {
    postgres: e.BELLYFED_POSTGRES_PORT,
    kafka: e.BELLYFED_KAFKA_PORT,
    kafkaController: e.BELLYFED_KAFKA_CONTROLLER_PORT,
    kafkaScram: e.BELLYFED_KAFKA_SCRAM_PORT,
    registry: e.BELLYFED_REGISTRY_PORT,
    connect: e.BELLYFED_CONNECT_PORT,
    dynamodb: e.BELLYFED_DYNAMODB_PORT,
  };
  const duplicate = Object.entries(ports).find(([, p], i, all) => all.findIndex(([, q]) => q === p) !== i);
  if (duplicate) {
    throw new LocalPlatformError('LOCAL_CONFIG_INVALID', `port ${duplicate[1]} is given to two parts; set distinct BELLYFED_*_PORT values`);
  }
  const privateDatabaseUrl = `postgres://postgres@${LOCAL_HOST}:${ports.postgres}/bellyfed`;
  const partPaths = (name: InfrastructurePartName): PartPaths => {
    const dir = join(stateDir, name);
    return { dir, logFile: join(dir, `${name}.log`), pidFile: join(dir, `${name}.pid`) };
  };
  return Object.freeze({
    repoRoot,
    platformDir: e.BELLYFED_PLATFORM_DIR ?? join(home, 'platform'),
    stateDir,
    versions: readPlatformVersions(repoRoot),
    javaBin: e.BELLYFED_JAVA ?? (e.JAVA_HOME ? join(e.JAVA_HOME, 'bin', 'java') : 'java'),
    mvnBin: e.BELLYFED_MVN,
    pgBinDir: e.BELLYFED_PG_BIN,
    ports: Object.freeze(ports),
    // `local env` exports our own URL; pointing back at the private cluster is not "external".
    externalDatabaseUrl: e.DATABASE_URL && e.DATABASE_URL !== privateDatabaseUrl ? e.DATABASE_URL : undefined,
    privateDatabaseUrl,
    dynamodb: Object.freeze({ table: e.DYNAMODB_TABLE, region: e.DYNAMODB_REGION }),
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
