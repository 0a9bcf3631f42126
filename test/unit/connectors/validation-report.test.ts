import { expect } from 'chai';
import { MASK } from '../../../services/connectors/masking.js';
import { failingFields, renderValidation } from '../../../services/connectors/validation-report.js';
import type { ValidationResult } from '../../../services/shared/connect/types.js';

const RESULT: ValidationResult = {
  name: 'io.debezium.connector.postgresql.PostgresConnector',
  error_count: 2,
  configs: [
    { value: { name: 'plugin.name', value: 'pgoutput', errors: [] } },
    // Connect 4.3 + Debezium 3.6.1 answer with a null value for some internal settings.
    { definition: { name: 'internal.legacy.snapshot.max.threads' }, value: null },
    { value: { name: 'decimal.handling.mode', value: 'floaty', errors: ["The 'decimal.handling.mode' value is invalid: Value must be one of string, double, precise"] } },
    { value: { name: 'database.hostname', value: 'db', errors: ['Error while validating connector config: password s3cr3t rejected'] } },
  ],
};

describe('validation report', () => {
  it('lists only failing fields, sorted', () => {
    expect(failingFields(RESULT).map((f) => f.field)).to.deep.equal(['database.hostname', 'decimal.handling.mode']);
  });

  it('prints each error under its field with secrets masked', () => {
    expect(renderValidation('src', RESULT, ['s3cr3t'])).to.equal(
      [
        'src: 2 error(s)',
        `  database.hostname: Error while validating connector config: password ${MASK} rejected`,
        "  decimal.handling.mode: The 'decimal.handling.mode' value is invalid: Value must be one of string, double, precise",
      ].join('\n'),
    );
  });

  it('says valid when nothing failed', () => {
    expect(renderValidation('src', { ...RESULT, error_count: 0, configs: [RESULT.configs[0]!] }, [])).to.equal('src: valid');
  });
});
