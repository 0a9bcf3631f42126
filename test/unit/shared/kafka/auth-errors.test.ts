import { expect } from 'chai';
import { isBellyfedError, isRetriable } from '../../../../services/shared/errors.js';
import { isKafkaAuthFailure, toKafkaAuthError } from '../../../../services/shared/kafka/auth-errors.js';
import { Secret } from '../../../../services/shared/kafka/secret.js';

const scram = { mode: 'sasl-scram', mechanism: 'scram-sha-512', username: 'sink', password: new Secret('s3cret'), tls: undefined } as const;

// The shapes kafkajs 2.2 rejects connect() with when the broker refuses the login.
function saslError(message: string): Error {
  return Object.assign(new Error(message), { name: 'KafkaJSSASLAuthenticationError', retriable: false });
}
function nonRetriableWrapper(inner: Error): Error {
  // KafkaJSNonRetriableError copies the message and drops the original error.
  return Object.assign(new Error(inner.message), { name: 'KafkaJSNonRetriableError', retriable: false });
}

describe('Kafka authentication failures', function () {
  const refusedLogin = saslError(
    'SASL SCRAM SHA512 authentication failed: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512',
  );

  it('are recognised directly, wrapped, and by protocol error type', function () {
    expect(isKafkaAuthFailure(refusedLogin)).to.equal(true);
    expect(isKafkaAuthFailure(nonRetriableWrapper(refusedLogin))).to.equal(true);
    expect(isKafkaAuthFailure(Object.assign(new Error('x'), { type: 'SASL_AUTHENTICATION_FAILED' }))).to.equal(true);
    expect(isKafkaAuthFailure(Object.assign(new Error('Connection timeout'), { name: 'KafkaJSConnectionError' }))).to.equal(false);
  });

  it('become KAFKA_AUTH_FAILED naming the variables to fix, never the password, and are not retried', function () {
    const err = toKafkaAuthError(nonRetriableWrapper(refusedLogin), scram, ['b1:9096']);
    expect(isBellyfedError(err, 'KAFKA_AUTH_FAILED')).to.equal(true);
    const message = (err as Error).message;
    expect(message).to.contain("SCRAM-SHA-512 as 'sink'").and.contain('KAFKA_SASL_PASSWORD').and.not.contain('s3cret');
    expect(isRetriable(err)).to.equal(false);
  });

  it('leave other errors unchanged', function () {
    const other = new Error('Connection timeout');
    expect(toKafkaAuthError(other, scram, ['b1:9096'])).to.equal(other);
  });
});
