import { expect } from 'chai';
import { Writable } from 'node:stream';
import { loadConfig } from '../../../../services/shared/config.js';
import { isBellyfedError } from '../../../../services/shared/errors.js';
import { createLogger } from '../../../../services/shared/logger.js';

function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(isBellyfedError(err, 'CONFIG_INVALID'), String(err)).to.equal(true);
    return (err as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`);
}

const SCRAM = { KAFKA_SECURITY: 'sasl-scram', KAFKA_SASL_USERNAME: 'sink', KAFKA_SASL_PASSWORD: 's3cret-pw' };

describe('loadConfig: Kafka security', function () {
  it('is plaintext by default', function () {
    expect(loadConfig({}).kafka.security).to.deep.equal({ mode: 'plaintext' });
  });

  it('builds SCRAM-SHA-512 over TLS by default, over plaintext with KAFKA_TLS=false', function () {
    const overTls = loadConfig(SCRAM).kafka.security;
    expect(overTls.mode).to.equal('sasl-scram');
    if (overTls.mode !== 'sasl-scram') return;
    expect(overTls.mechanism).to.equal('scram-sha-512');
    expect(overTls.username).to.equal('sink');
    expect(overTls.password.reveal()).to.equal('s3cret-pw');
    expect(overTls.tls).to.deep.equal({ caFile: undefined });
    const local = loadConfig({ ...SCRAM, KAFKA_TLS: 'false' }).kafka.security;
    expect(local.mode === 'sasl-scram' && local.tls).to.equal(undefined);
  });

  it('builds MSK IAM with the region, and TLS with a CA file', function () {
    expect(loadConfig({ KAFKA_SECURITY: 'aws-iam', AWS_REGION: 'eu-west-1' }).kafka.security).to.deep.equal({
      mode: 'aws-iam', region: 'eu-west-1', tls: { caFile: undefined },
    });
    expect(loadConfig({ KAFKA_SECURITY: 'tls', KAFKA_TLS_CA_FILE: '/etc/ca.pem' }).kafka.security).to.deep.equal({
      mode: 'tls', tls: { caFile: '/etc/ca.pem' },
    });
  });

  it('sasl-scram without a password names both variables', function () {
    const message = refusal({ KAFKA_SECURITY: 'sasl-scram', KAFKA_SASL_USERNAME: 'sink' });
    expect(message).to.contain('KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD:').and.to.contain('missing KAFKA_SASL_PASSWORD');
  });

  const refused: Array<[string, Record<string, string>, string]> = [
    ['an unknown mode', { KAFKA_SECURITY: 'kerberos' }, 'KAFKA_SECURITY:'],
    ['an unknown mechanism', { ...SCRAM, KAFKA_SASL_MECHANISM: 'plain' }, 'KAFKA_SASL_MECHANISM:'],
    ['aws-iam without a region', { KAFKA_SECURITY: 'aws-iam' }, 'AWS_REGION:'],
    ['a malformed region', { KAFKA_SECURITY: 'aws-iam', AWS_REGION: 'Ireland' }, 'AWS_REGION:'],
    ['aws-iam without TLS', { KAFKA_SECURITY: 'aws-iam', AWS_REGION: 'eu-west-1', KAFKA_TLS: 'false' }, 'KAFKA_TLS:'],
    ['credentials a plaintext client would ignore', { KAFKA_SASL_PASSWORD: 'x' }, 'only used with KAFKA_SECURITY=sasl-scram'],
    ['TLS asked of plaintext', { KAFKA_TLS: 'true' }, 'KAFKA_SECURITY=tls'],
    ['a CA file without TLS', { ...SCRAM, KAFKA_TLS: 'false', KAFKA_TLS_CA_FILE: '/ca.pem' }, 'KAFKA_TLS_CA_FILE:'],
  ];
  for (const [what, env, expected] of refused) {
    it(`refuses ${what}, naming the variable`, function () {
      expect(refusal(env)).to.contain(expected);
    });
  }

  it('never puts the password in an error or a log line', function () {
    expect(refusal({ ...SCRAM, KAFKA_SECURITY: 'plaintext' })).to.not.contain('s3cret-pw');
    expect(refusal({ ...SCRAM, PORT: 'x' })).to.not.contain('s3cret-pw');
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    const config = loadConfig(SCRAM);
    createLogger({ level: 'info', name: 'test' }, sink).info({ config, security: config.kafka.security }, 'started');
    expect(lines.join('')).to.contain('"username":"sink"').and.not.contain('s3cret-pw');
  });
});
