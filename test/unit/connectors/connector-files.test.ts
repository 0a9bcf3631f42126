/** The committed connector file, its setup SQL and its documentation agree with each other. */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CAPTURED_TABLES } from '../../../services/model/captured-tables.js';
import { parseConnectorDefinition } from '../../../services/connectors/definitions.js';
import { CDC_SQL_DIR, CONNECTORS_DIR } from '../../../services/connectors/paths.js';
import { listPlaceholders } from '../../../services/connectors/placeholders.js';
import { PROJECT_ROOT } from '../../../services/shared/paths.js';

const FILE = join(CONNECTORS_DIR, 'bellyfed-postgres-source.json');
const source = parseConnectorDefinition(readFileSync(FILE, 'utf8'), 'connectors/bellyfed-postgres-source.json');
const docs = readFileSync(join(PROJECT_ROOT, 'docs', 'CONNECTORS.md'), 'utf8');

/** Table names listed in a SQL text after `marker`, up to the terminating keyword. */
function tablesIn(sql: string): string[] {
  return [...sql.matchAll(/public\.([a-z_]+)/g)].map((m) => m[1]!);
}

describe('bellyfed-postgres-source connector file', () => {
  it('documents every placeholder in docs/CONNECTORS.md', () => {
    const variables = [...new Set(listPlaceholders(source.config, source.file).map((p) => p.variable))];
    expect(variables.length).to.be.greaterThan(0);
    const undocumented = variables.filter((v) => !docs.includes(`\`${v}\``));
    expect(undocumented, 'placeholders missing from docs/CONNECTORS.md').to.deep.equal([]);
  });

  it('documents every setting it makes in docs/CONNECTORS.md', () => {
    const undocumented = Object.keys(source.config)
      .map((k) => k.replace(/^(key|value)\.converter/, '*.converter'))
      .filter((k) => !docs.includes(`\`${k}\``));
    expect([...new Set(undocumented)], 'settings missing from docs/CONNECTORS.md').to.deep.equal([]);
  });

  it('commits no secret: the password is a placeholder without a default', () => {
    expect(source.config['database.password']).to.match(/^\$\{env:[A-Z_]+\}$/);
  });

  it('captures exactly the app tables plus the heartbeat table', () => {
    const included = source.config['table.include.list']!.split(',').map((t) => t.replace(/\\\./g, '.'));
    expect(included).to.deep.equal([...CAPTURED_TABLES.map((t) => `public.${t}`), 'public.debezium_heartbeat']);
  });

  it('publishes the app tables, the heartbeat and the signal table, in both branches of the setup SQL', () => {
    const sql = readFileSync(join(CDC_SQL_DIR, '005_publication.sql'), 'utf8');
    const expected = [...CAPTURED_TABLES, 'debezium_heartbeat', 'debezium_signal'];
    const [alter, create] = sql.split('ELSE');
    expect(tablesIn(alter!)).to.deep.equal(expected);
    expect(tablesIn(create!)).to.deep.equal(expected);
  });

  it('grants SELECT on every captured table to the CDC role', () => {
    const sql = readFileSync(join(CDC_SQL_DIR, '004_cdc_grants.sql'), 'utf8');
    const selectGrant = sql.split(';').find((s) => /GRANT SELECT ON public\.users/.test(s))!;
    expect(tablesIn(selectGrant)).to.deep.equal([...CAPTURED_TABLES]);
  });

  it('points signals and heartbeats at the tables the setup SQL creates', () => {
    expect(source.config['signal.data.collection']).to.equal('public.debezium_signal');
    expect(source.config['heartbeat.action.query']).to.contain('public.debezium_heartbeat');
  });
});
