import { expect } from 'chai';
import { isBellyfedError } from '../../../services/shared/errors.js';
import { listPlaceholders, resolvePlaceholders } from '../../../services/connectors/placeholders.js';
import type { ConnectorDefinition } from '../../../services/shared/connect/types.js';

const FILE = 'connectors/demo.json';

function definition(config: Record<string, string>): ConnectorDefinition {
  return { name: 'demo', file: FILE, config: { 'connector.class': 'x.Y', ...config } };
}

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a throw');
}

describe('connector placeholders', () => {
  it('fills ${env:NAME} from the environment, also inside a longer value', () => {
    const resolved = resolvePlaceholders(definition({ url: 'http://${env:HOST}:${env:PORT}/x' }), { HOST: 'db', PORT: '5432' });
    expect(resolved.config.url).to.equal('http://db:5432/x');
  });

  it('uses the default of ${env:NAME:-default} when the variable is unset or empty', () => {
    const def = definition({ partitions: '${env:PARTS:-3}', empty: '${env:EMPTY:-}' });
    expect(resolvePlaceholders(def, {}).config).to.include({ partitions: '3', empty: '' });
    expect(resolvePlaceholders(def, { PARTS: '' }).config.partitions).to.equal('3');
    expect(resolvePlaceholders(def, { PARTS: '6' }).config.partitions).to.equal('6');
  });

  it('keeps a default that holds a colon or a URL', () => {
    const def = definition({ url: '${env:REG:-http://127.0.0.1:8081/apis/registry/v2}' });
    expect(resolvePlaceholders(def, {}).config.url).to.equal('http://127.0.0.1:8081/apis/registry/v2');
  });

  it('names every missing variable, the setting that needs it and the file', () => {
    const err = thrown(() => resolvePlaceholders(definition({ 'database.password': '${env:DB_PASSWORD}', host: '${env:DB_HOST}' }), {}));
    expect(isBellyfedError(err, 'CONNECTOR_ENV_MISSING')).to.equal(true);
    expect(err.message).to.contain(FILE).and.contain('DB_PASSWORD (for "database.password")').and.contain('DB_HOST (for "host")');
  });

  it('passes other config providers through for Connect to resolve', () => {
    const value = '${file:/opt/secrets/db.properties:password}';
    expect(resolvePlaceholders(definition({ 'database.password': value }), {}).config['database.password']).to.equal(value);
  });

  it('rejects a malformed env placeholder instead of sending it literally', () => {
    const err = thrown(() => resolvePlaceholders(definition({ host: '${env:1BAD}' }), {}));
    expect(isBellyfedError(err, 'CONNECTOR_FILE_INVALID')).to.equal(true);
    expect(err.message).to.contain('"host"').and.contain('${env:1BAD}');
  });

  it('remembers values of PASSWORD/SECRET/TOKEN variables as secrets, and no others', () => {
    const resolved = resolvePlaceholders(
      definition({ a: '${env:DB_PASSWORD}', b: '${env:API_TOKEN:-tok}', c: '${env:MY_SECRET_KEY}', d: '${env:DB_HOST}' }),
      { DB_PASSWORD: 'pw1', MY_SECRET_KEY: 'sk', DB_HOST: 'db' },
    );
    expect([...resolved.secretValues].sort()).to.deep.equal(['pw1', 'sk', 'tok']);
  });

  it('lists placeholders with their defaults', () => {
    expect(listPlaceholders({ a: '${env:A}', b: 'x${env:B:-2}' }, FILE)).to.deep.equal([
      { key: 'a', variable: 'A', defaultValue: undefined },
      { key: 'b', variable: 'B', defaultValue: '2' },
    ]);
  });
});
