/**
 * compose/ cannot run here (no Docker engine), so this test holds it to the native platform's own
 * configuration: images at the versions of platform/pom.xml, the same host ports, server settings,
 * worker properties, registry settings, topic names and environment variable names. Native
 * values come from services/local itself (its parts write their config files into a temp dir),
 * never from a copy kept here.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import yaml from 'js-yaml';
import { buildProgram } from '../../../services/cli/main.js';
import { listPlaceholders } from '../../../services/connectors/placeholders.js';
import { parseConnectorDefinition } from '../../../services/connectors/definitions.js';
import { JAVA_HEAP, LOCAL_HOST, loadLocalConfig, schemaRegistryUrl, type LocalConfig } from '../../../services/local/config.js';
import { connectPart } from '../../../services/local/parts/connect.js';
import { dynamodbPart } from '../../../services/local/parts/dynamodb.js';
import { kafkaPart } from '../../../services/local/parts/kafka.js';
import { postgresPart } from '../../../services/local/parts/postgres.js';
import { registryPart } from '../../../services/local/parts/registry.js';
import { LOCAL_SCRAM_USER } from '../../../services/local/kafka-scram.js';
import { describeEnv, ENV_SCHEMA, loadConfig } from '../../../services/shared/config.js';
import { PROJECT_ROOT } from '../../../services/shared/paths.js';

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string; args?: Record<string, string> };
  command?: string[];
  entrypoint?: string[];
  environment?: Record<string, string | number>;
  ports?: string[];
}

const COMPOSE_DIR = join(PROJECT_ROOT, 'compose');
const read = (path: string) => readFileSync(join(PROJECT_ROOT, path), 'utf8');
const compose = yaml.load(read('compose/docker-compose.yml')) as { services: Record<string, ComposeService> };
const service = (name: string): ComposeService => {
  const found = compose.services[name];
  if (!found) throw new Error(`compose/docker-compose.yml has no service "${name}"`);
  return found;
};
const env = (name: string): Record<string, string> =>
  Object.fromEntries(Object.entries(service(name).environment ?? {}).map(([k, v]) => [k, String(v)]));

function parseProperties(text: string): Record<string, string> {
  const entries = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const);
  return Object.fromEntries(entries);
}

/** "127.0.0.1:9092:9092" → host ip, host port, container port. */
function published(name: string): Array<{ ip: string; host: number; container: number }> {
  return (service(name).ports ?? []).map((spec) => {
    const [ip, host, container] = spec.split(':');
    return { ip: ip!, host: Number(host), container: Number(container) };
  });
}

/** `-c name=value` pairs of a postgres command line, without the ones that only say where to listen. */
function serverSettings(args: readonly string[]): Record<string, string> {
  const settings: Record<string, string> = {};
  args.forEach((arg, i) => {
    if (arg !== '-c') return;
    const [name, value] = args[i + 1]!.split('=') as [string, string];
    if (!['listen_addresses', 'port', 'unix_socket_directories'].includes(name)) settings[name] = value;
  });
  return settings;
}

/** Flags of a command line as a map, without the given ones (paths and addresses that differ by design). */
function flags(args: readonly string[], without: readonly string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    if (args[i]!.startsWith('--') && !without.includes(args[i]!)) result[args[i]!] = args[i + 1]!;
  }
  return result;
}

/** The apache/kafka image's variable for a broker property: '.' is '_', '_' is '__', '-' is '___'. */
const imageVariable = (key: string) => `KAFKA_${key.replaceAll('_', '__').replaceAll('-', '___').replaceAll('.', '_').toUpperCase()}`;
const heap = (h: { initial: string; max: string }) => `-Xms${h.initial} -Xmx${h.max}`;
const envDefault = (name: keyof typeof ENV_SCHEMA.shape) => describeEnv().find((v) => v.name === name)!.defaultValue;

describe('compose/docker-compose.yml agrees with the native platform', () => {
  let stateDir: string;
  let config: LocalConfig;

  before(() => {
    // Defaults only (no BELLYFED_* port overrides of the caller): compose is written for them.
    stateDir = mkdtempSync(join(tmpdir(), 'bellyfed-compose-drift-'));
    config = loadLocalConfig(loadConfig({ BELLYFED_HOME: stateDir, BELLYFED_STATE_DIR: stateDir }), PROJECT_ROOT);
  });

  after(() => {
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('pulls the official images at the versions pinned in platform/pom.xml', () => {
    const { versions } = config;
    expect(service('kafka').image).to.equal(`apache/kafka:${versions.kafka}`);
    expect(service('kafka-topics').image).to.equal(`apache/kafka:${versions.kafka}`);
    expect(service('registry').image).to.equal(`apicurio/apicurio-registry:${versions.apicurio}`);
    // The private cluster's major version is the one of its server binaries (BELLYFED_PG_BIN).
    const nativeMajor = /postgresql\/(\d+)\//.exec(config.pgBinDir)?.[1];
    expect(service('postgres').image).to.equal(`postgres:${nativeMajor}`);
  });

  it('builds Connect on the pinned Kafka image with the plugins of platform/pom.xml', () => {
    const connect = service('connect');
    expect(connect.build?.args?.KAFKA_VERSION).to.equal(config.versions.kafka);
    const dockerfile = read(connect.build!.dockerfile);
    expect(dockerfile).to.match(/^FROM apache\/kafka:\$\{KAFKA_VERSION\}$/m);
    // Debezium and the converter come from the project's Maven descriptor, so their versions are pinned once.
    expect(dockerfile).to.match(/mvn .*-f platform\/pom\.xml -pl apicurio-converter,archives package/);
    expect(dockerfile).to.contain('connect-distributed.sh');
  });

  it('publishes every part on the native host port, on 127.0.0.1 only', () => {
    const expected: Record<string, { host: number; container: number }> = {
      postgres: { host: config.ports.postgres, container: 5432 },
      registry: { host: config.ports.registry, container: 8080 },
      connect: { host: config.ports.connect, container: config.ports.connect },
      dynamodb: { host: config.ports.dynamodb, container: config.ports.dynamodb },
      query: { host: Number(envDefault('PORT')), container: Number(envDefault('PORT')) },
    };
    for (const [name, ports] of Object.entries(expected)) {
      expect(published(name), name).to.deep.equal([{ ip: LOCAL_HOST, ...ports }]);
    }
  });

  it('runs PostgreSQL with the server settings of the private cluster', () => {
    const native = serverSettings(postgresPart(config).launchCommand().args);
    expect(native).to.include({ wal_level: 'logical' });
    expect(serverSettings(service('postgres').command!)).to.deep.equal(native);
    expect(env('postgres').POSTGRES_DB).to.equal(new URL(config.privateDatabaseUrl).pathname.slice(1));
  });

  it('configures the broker as the native KRaft node (every setting but where it listens)', async () => {
    // With meta.properties present, prepare() writes server.properties and skips the storage format.
    mkdirSync(join(config.parts.kafka.dir, 'data'), { recursive: true });
    writeFileSync(join(config.parts.kafka.dir, 'data', 'meta.properties'), '');
    await kafkaPart(config).prepare();
    const native = parseProperties(readFileSync(join(config.parts.kafka.dir, 'server.properties'), 'utf8'));
    const byAddress = ['listeners', 'advertised.listeners', 'controller.quorum.bootstrap.servers', 'listener.security.protocol.map', 'log.dirs'];
    const kafka = env('kafka');
    for (const [key, value] of Object.entries(native).filter(([k]) => !byAddress.includes(k))) {
      expect(kafka[imageVariable(key)], key).to.equal(value);
    }
    expect(kafka.KAFKA_ADVERTISED_LISTENERS).to.contain(`PLAINTEXT_HOST://${LOCAL_HOST}:${config.ports.kafka}`);
    expect(kafka.KAFKA_ADVERTISED_LISTENERS).to.contain(`SASL_PLAINTEXT://${LOCAL_HOST}:${config.ports.kafkaScram}`);
    expect(published('kafka')).to.deep.include({ ip: LOCAL_HOST, host: config.ports.kafkaScram, container: config.ports.kafkaScram });
    const scramUser = service('kafka-scram-user').command!.join(' ');
    expect(scramUser).to.contain(`--entity-name ${LOCAL_SCRAM_USER} `).and.contain('SCRAM-SHA-512=[password=$$KAFKA_SASL_PASSWORD]');
    expect(ENV_SCHEMA.shape).to.have.property('KAFKA_SASL_PASSWORD');
    expect(published('kafka')).to.deep.include({ ip: LOCAL_HOST, host: config.ports.kafka, container: config.ports.kafka });
    expect(kafka.KAFKA_HEAP_OPTS).to.equal(heap(JAVA_HEAP.kafka));
  });

  it('gives the Connect worker the native worker properties (storage topics, converters, config providers)', async () => {
    await connectPart(config).prepare();
    const native = parseProperties(readFileSync(join(config.parts.connect.dir, 'connect-distributed.properties'), 'utf8'));
    const composed = parseProperties(readFileSync(join(COMPOSE_DIR, 'connect', 'connect-distributed.properties'), 'utf8'));
    expect(Object.keys(composed).sort()).to.deep.equal(Object.keys(native).sort());
    const byAddress = ['bootstrap.servers', 'listeners', 'rest.advertised.host.name', 'plugin.path'];
    for (const [key, value] of Object.entries(native)) {
      if (byAddress.includes(key)) continue;
      if (key.endsWith('.apicurio.registry.url')) {
        expect(new URL(composed[key]!).pathname, key).to.equal(new URL(value).pathname);
        expect(new URL(composed[key]!).host, key).to.equal(`registry:${published('registry')[0]!.container}`);
      } else {
        expect(composed[key], key).to.equal(value);
      }
    }
    expect(composed.listeners).to.equal(`http://0.0.0.0:${config.ports.connect}`);
    expect(composed['bootstrap.servers']).to.equal('kafka:19092');
    expect(env('kafka').KAFKA_ADVERTISED_LISTENERS).to.contain('PLAINTEXT://kafka:19092');
    expect(env('connect').KAFKA_HEAP_OPTS).to.equal(heap(JAVA_HEAP.connect));
  });

  it('runs the registry with the native settings and storage that survives a restart', () => {
    const native = registryPart(config).launchCommand().env!;
    const registry = env('registry');
    const storageLocation = ['APICURIO_STORAGE_SQL_KIND', 'APICURIO_DATASOURCE_URL', 'APICURIO_DATASOURCE_USERNAME', 'APICURIO_DATASOURCE_PASSWORD'];
    for (const [key, value] of Object.entries(native).filter(([k]) => k.startsWith('APICURIO_') && !storageLocation.includes(k))) {
      expect(registry[key], key).to.equal(value);
    }
    expect(registry.APICURIO_STORAGE_KIND).to.equal('sql');
    expect(registry.APICURIO_DATASOURCE_URL).to.match(/^jdbc:postgresql:\/\/postgres:5432\/\w+$/);
    expect(registry.JAVA_OPTS_APPEND).to.equal(heap(JAVA_HEAP.registry));
  });

  it('runs dynalite with the native flags, from the locked dependencies', () => {
    const native = dynamodbPart(config).launchCommand().args;
    const composed = [...service('dynamodb').entrypoint!, ...service('dynamodb').command!];
    const byAddress = ['--host', '--port', '--path'];
    expect(flags(composed, byAddress)).to.deep.equal(flags(native, byAddress));
    expect(composed.slice(0, 2)).to.deep.equal(['node', 'node_modules/dynalite/cli.js']);
    expect(flags(composed, [])['--port']).to.equal(String(config.ports.dynamodb));
  });

  it("runs only the project's existing commands, with declared variables and native names", async () => {
    const program = buildProgram();
    const commandExists = (path: string[]) =>
      path.reduce<ReturnType<typeof buildProgram> | undefined>((cmd, name) => cmd?.commands.find((c) => c.name() === name), program) !== undefined;
    for (const name of ['migrate', 'query']) {
      expect(service(name).build ?? service(name).image, name).to.not.equal(undefined);
      expect(commandExists(service(name).command!), `bellyfed ${service(name).command!.join(' ')}`).to.equal(true);
      for (const variable of Object.keys(env(name))) expect(ENV_SCHEMA.shape, `${name}: ${variable}`).to.have.property(variable);
    }
    const query = env('query');
    expect(new URL(query.SCHEMA_REGISTRY_URL!).pathname).to.equal(new URL(schemaRegistryUrl(config)).pathname);
    expect(query.KAFKA_BROKERS).to.equal('kafka:19092');
    expect(query.PORT).to.equal(envDefault('PORT'));
    for (const name of ['migrate', 'query']) {
      expect(new URL(env(name).DATABASE_URL!).pathname, name).to.equal(new URL(config.privateDatabaseUrl).pathname);
    }
  });

  it('creates the analytics topic under its configured default name', () => {
    const topic = envDefault('ANALYTICS_TOPIC')!;
    expect(env('query').ANALYTICS_TOPIC).to.equal(topic);
    const create = service('kafka-topics').command!;
    expect(create[create.indexOf('--topic') + 1]).to.equal(topic);
  });

  it('compose/connectors.env fills only placeholders of the connector file, pointing at compose services', () => {
    const file = 'connectors/bellyfed-postgres-source.json';
    const placeholders = listPlaceholders(parseConnectorDefinition(read(file), file).config, file);
    const values = parseProperties(read('compose/connectors.env'));
    const known = new Set(placeholders.map((p) => p.variable));
    for (const variable of Object.keys(values)) expect(known, variable).to.include(variable);
    expect(values.CDC_DATABASE_HOST).to.equal('postgres');
    expect(values.CDC_DATABASE_PORT).to.equal(String(published('postgres')[0]!.container));
    const registryDefault = placeholders.find((p) => p.variable === 'APICURIO_REGISTRY_URL')!.defaultValue!;
    expect(new URL(values.APICURIO_REGISTRY_URL!).pathname).to.equal(new URL(registryDefault).pathname);
    expect(new URL(values.APICURIO_REGISTRY_URL!).host).to.equal(`registry:${published('registry')[0]!.container}`);
    // The topic prefix (and so every CDC topic name) stays the file's default, as natively.
    expect(values).to.not.have.property('CDC_TOPIC_PREFIX');
  });

  it('every Dockerfile the compose file builds exists', () => {
    for (const [name, s] of Object.entries(compose.services)) {
      if (s.build) expect(existsSync(join(COMPOSE_DIR, s.build.context, s.build.dockerfile)), name).to.equal(true);
    }
  });
});
