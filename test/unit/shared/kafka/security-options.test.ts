import { expect } from 'chai';
import { Secret } from '../../../../services/shared/kafka/secret.js';
import {
  describeKafkaSecurity, kafkaSecurityOptions, type KafkaSecurity, type SecurityDependencies,
} from '../../../../services/shared/kafka/security.js';

const deps = (overrides: Partial<SecurityDependencies> = {}): SecurityDependencies => ({
  readCaFile: (path) => `PEM of ${path}`,
  mskToken: async (region) => ({ token: `token-for-${region}`, expiryTime: 0 }),
  ...overrides,
});

describe('kafkaSecurityOptions', function () {
  it('plaintext adds neither ssl nor sasl', function () {
    expect(kafkaSecurityOptions({ mode: 'plaintext' }, deps())).to.deep.equal({});
  });

  it('tls uses the system trust store, or the CA file when one is set', function () {
    expect(kafkaSecurityOptions({ mode: 'tls', tls: { caFile: undefined } }, deps())).to.deep.equal({ ssl: true });
    expect(kafkaSecurityOptions({ mode: 'tls', tls: { caFile: '/ca.pem' } }, deps())).to.deep.equal({ ssl: { ca: ['PEM of /ca.pem'] } });
  });

  it('sasl-scram passes the mechanism, user and revealed password, over TLS or not', function () {
    const base = { mode: 'sasl-scram', mechanism: 'scram-sha-512', username: 'sink', password: new Secret('pw') } as const;
    expect(kafkaSecurityOptions({ ...base, tls: undefined }, deps())).to.deep.equal({
      sasl: { mechanism: 'scram-sha-512', username: 'sink', password: 'pw' },
    });
    expect(kafkaSecurityOptions({ ...base, tls: { caFile: undefined } }, deps())).to.deep.equal({
      ssl: true,
      sasl: { mechanism: 'scram-sha-512', username: 'sink', password: 'pw' },
    });
  });

  it('aws-iam is OAUTHBEARER over TLS with a token signed for the region at each authentication', async function () {
    let calls = 0;
    const options = kafkaSecurityOptions(
      { mode: 'aws-iam', region: 'eu-west-1', tls: { caFile: undefined } },
      deps({ mskToken: async (region) => ({ token: `t${++calls}-${region}`, expiryTime: 0 }) }),
    );
    expect(options.ssl).to.equal(true);
    const sasl = options.sasl as { mechanism: string; oauthBearerProvider: () => Promise<{ value: string }> };
    expect(sasl.mechanism).to.equal('oauthbearer');
    expect(await sasl.oauthBearerProvider()).to.deep.equal({ value: 't1-eu-west-1' });
    expect(await sasl.oauthBearerProvider()).to.deep.equal({ value: 't2-eu-west-1' });
  });

  it('describes a security setting without its password', function () {
    const security: KafkaSecurity = {
      mode: 'sasl-scram', mechanism: 'scram-sha-512', username: 'sink', password: new Secret('s3cret'), tls: undefined,
    };
    expect(describeKafkaSecurity(security)).to.equal("SASL SCRAM-SHA-512 as 'sink' over plaintext");
    expect(JSON.stringify(security)).to.not.contain('s3cret');
  });
});

describe('Secret', function () {
  it('prints as *** however it is turned into text, and reveals only on request', async function () {
    const { inspect } = await import('node:util');
    const secret = new Secret('s3cret');
    expect(`${secret}`).to.equal('***');
    expect(JSON.stringify({ secret })).to.equal('{"secret":"***"}');
    expect(inspect({ secret })).to.not.contain('s3cret');
    expect(secret.reveal()).to.equal('s3cret');
  });
});
