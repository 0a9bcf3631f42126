import { expect } from 'chai';
import { describeEnv, ENV_SCHEMA, loadConfig, redactUrl } from '../../../../services/shared/config.js';
import { isBellyfedError } from '../../../../services/shared/errors.js';

function configError(env: Record<string, string>): Error {
  try {
    loadConfig(env);
  } catch (err) {
    expect(isBellyfedError(err, 'CONFIG_INVALID'), String(err)).to.equal(true);
    return err as Error;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`);
}

describe('loadConfig', function () {
  it('fills defaults from an empty environment and returns a frozen object', function () {
    const config = loadConfig({});
    expect(config.database.url).to.equal('postgres://postgres@127.0.0.1:5432/bellyfed');
    expect(config.database.readUrl).to.equal(undefined);
    expect(config.http.port).to.equal(8080);
    expect(config.kafka.brokers).to.deep.equal(['127.0.0.1:9092']);
    expect(Object.isFrozen(config)).to.equal(true);
    expect(Object.isFrozen(config.database)).to.equal(true);
  });

  it('parses every typed variable', function () {
    const config = loadConfig({
      DATABASE_URL: 'postgresql://app:pw@db:5432/x',
      DATABASE_READ_URL: 'postgres://ro@reader:5432/x',
      DATABASE_POOL_SIZE: '25',
      PORT: '0',
      KAFKA_BROKERS: ' a:9092, b:9093 ',
      ANALYTICS_ENABLED: 'off',
      LOG_LEVEL: 'warn',
    });
    expect(config.database.readUrl).to.equal('postgres://ro@reader:5432/x');
    expect(config.database.poolSize).to.equal(25);
    expect(config.http.port).to.equal(0);
    expect(config.kafka.brokers).to.deep.equal(['a:9092', 'b:9093']);
    expect(config.analytics.enabled).to.equal(false);
    expect(config.logLevel).to.equal('warn');
  });

  it('treats an empty value as unset', function () {
    expect(loadConfig({ PORT: '', DATABASE_READ_URL: ' ' }).http.port).to.equal(8080);
  });

  const bad: Array<[string, string]> = [
    ['DATABASE_URL', 'mysql://x'],
    ['DATABASE_READ_URL', 'not a url'],
    ['DATABASE_POOL_SIZE', '0'],
    ['DATABASE_POOL_SIZE', 'ten'],
    ['PORT', '70000'],
    ['PORT', '80.5'],
    ['KAFKA_BROKERS', 'localhost'],
    ['SCHEMA_REGISTRY_URL', 'ftp://x'],
    ['LOG_LEVEL', 'loud'],
    ['ANALYTICS_ENABLED', 'maybe'],
    ['ANALYTICS_TOPIC', 'bad topic!'],
  ];
  for (const [name, value] of bad) {
    it(`refuses ${name}=${value} with a message naming the variable`, function () {
      expect(configError({ [name]: value }).message).to.contain(`${name}:`);
    });
  }

  it('names every bad variable at once', function () {
    const message = configError({ PORT: 'x', LOG_LEVEL: 'loud' }).message;
    expect(message).to.contain('PORT:').and.to.contain('LOG_LEVEL:');
  });

  it('checks cross-field rules', function () {
    expect(configError({ ANALYTICS_BATCH_SIZE: '100', ANALYTICS_BUFFER_LIMIT: '10' }).message).to.contain('ANALYTICS_BATCH_SIZE');
  });

  it('never echoes a password from a bad URL', function () {
    expect(configError({ DATABASE_URL: 'postgres://u:s3cret@host:notaport/db' }).message).to.not.contain('s3cret');
    expect(redactUrl('postgres://u:s3cret@h/db')).to.equal('postgres://u:***@h/db');
  });

  it('describes every variable for the help and the README', function () {
    const described = describeEnv();
    expect(described.map((v) => v.name)).to.deep.equal(Object.keys(ENV_SCHEMA.shape));
    expect(described.every((v) => v.description.length > 10)).to.equal(true);
  });
});

describe('README configuration table', function () {
  it('documents every variable loadConfig reads', async function () {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { PROJECT_ROOT } = await import('../../../../services/shared/paths.js');
    const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
    const documented = new Set([...readme.matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((m) => m[1]));
    const missing = Object.keys(ENV_SCHEMA.shape).filter((name) => !documented.has(name));
    expect(missing, 'variables missing from the README table').to.deep.equal([]);
  });
});

describe('DATABASE_URL from parts (ECS)', function () {
  const parts = { DATABASE_HOST: 'writer.aurora', DATABASE_READ_HOST: 'reader.aurora', DATABASE_USERNAME: 'app user', DATABASE_PASSWORD: 'p@ss/w:rd', DATABASE_SSLMODE: 'require' };

  it('builds the writer and reader URLs with the user and password escaped', function () {
    const config = loadConfig(parts);
    expect(config.database.url).to.equal('postgres://app%20user:p%40ss%2Fw%3Ard@writer.aurora:5432/bellyfed?sslmode=require');
    expect(config.database.readUrl).to.equal('postgres://app%20user:p%40ss%2Fw%3Ard@reader.aurora:5432/bellyfed?sslmode=require');
    expect(new URL(config.database.url).password).to.equal('p%40ss%2Fw%3Ard');
    expect(config.database.urlIsExplicit).to.equal(true);
  });

  it('lets an explicit DATABASE_URL win, and needs user and password to build one', function () {
    expect(loadConfig({ ...parts, DATABASE_URL: 'postgres://x@h:1/d' }).database.url).to.equal('postgres://x@h:1/d');
    const withoutPassword = loadConfig({ DATABASE_HOST: 'writer.aurora', DATABASE_USERNAME: 'app' });
    expect(withoutPassword.database.url).to.equal('postgres://postgres@127.0.0.1:5432/bellyfed');
    expect(withoutPassword.database.urlIsExplicit).to.equal(false);
  });

  it('never echoes the password of a refused configuration', function () {
    const err = configError({ ...parts, DATABASE_PORT: 'x', DATABASE_PASSWORD: 'hunter2hunter2' });
    expect(err.message).to.include('DATABASE_PORT');
    expect(err.message).not.to.include('hunter2');
  });
});

describe('local platform settings', function () {
  it('reads the ports and refuses one port given to two parts, naming both', function () {
    expect(loadConfig({ BELLYFED_KAFKA_PORT: '9192' }).local.ports.kafka).to.equal(9192);
    const err = configError({ BELLYFED_KAFKA_PORT: '8081' });
    expect(err.message).to.include('BELLYFED_REGISTRY_PORT').and.to.include('BELLYFED_KAFKA_PORT');
  });

  it('refuses a privileged port', function () {
    expect(configError({ BELLYFED_DYNAMODB_PORT: '80' }).message).to.include('BELLYFED_DYNAMODB_PORT');
  });
});
