/**
 * A broker that refuses our credentials should stop a service with one clear line, not a
 * retry loop or a kafkajs stack. kafkajs reports it in several shapes (its own SASL error,
 * a protocol error, or either wrapped in a non-retriable error that keeps only the message).
 */
import { BellyfedError } from '../errors.js';
import { describeKafkaSecurity, type KafkaSecurity } from './security.js';

const AUTH_ERROR_NAMES = new Set(['KafkaJSSASLAuthenticationError']);
const AUTH_PROTOCOL_TYPES = new Set(['SASL_AUTHENTICATION_FAILED', 'UNSUPPORTED_SASL_MECHANISM', 'ILLEGAL_SASL_STATE', 'CLUSTER_AUTHORIZATION_FAILED']);
const AUTH_MESSAGE = /^SASL .*(authentication failed|invalid username or password|invalid oauth bearer token)|authentication failed during authentication/i;

export function isKafkaAuthFailure(err: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = err;
  while (current !== null && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const e = current as { name?: unknown; type?: unknown; message?: unknown; cause?: unknown; originalError?: unknown };
    if (typeof e.name === 'string' && AUTH_ERROR_NAMES.has(e.name)) return true;
    if (typeof e.type === 'string' && AUTH_PROTOCOL_TYPES.has(e.type)) return true;
    if (typeof e.message === 'string' && AUTH_MESSAGE.test(e.message)) return true;
    current = e.cause ?? e.originalError;
  }
  return false;
}

const FIX: Record<KafkaSecurity['mode'], string> = {
  plaintext: 'the broker requires authentication: set KAFKA_SECURITY (sasl-scram or aws-iam) and its credentials',
  tls: 'the broker requires authentication: set KAFKA_SECURITY=sasl-scram or aws-iam',
  'sasl-scram': 'check KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD, and that the broker has a SCRAM credential for that user and KAFKA_SASL_MECHANISM',
  'aws-iam': "check the task role's kafka-cluster:Connect permission on the cluster ARN and AWS_REGION",
};

/** KAFKA_AUTH_FAILED for an authentication failure (the kafkajs error as its cause), else the error unchanged. */
export function toKafkaAuthError(err: unknown, security: KafkaSecurity, brokers: readonly string[]): unknown {
  if (!isKafkaAuthFailure(err)) return err;
  return new BellyfedError(
    'KAFKA_AUTH_FAILED',
    `Kafka at ${brokers.join(',')} refused ${describeKafkaSecurity(security)}: ${FIX[security.mode]}`,
    { cause: err, details: { brokers: [...brokers], mode: security.mode } },
  );
}
