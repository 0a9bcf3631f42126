/**
 * How a Kafka client proves who it is, and the pure mapping from that to kafkajs's `ssl` and
 * `sasl` options. Reading the CA file and signing MSK IAM tokens are injected, so the mapping
 * is tested with plain objects.
 */
import type { ConnectionOptions } from 'node:tls';
import type { KafkaConfig, SASLOptions } from 'kafkajs';
import type { Secret } from './secret.js';

export const KAFKA_SECURITY_MODES = ['plaintext', 'tls', 'sasl-scram', 'aws-iam'] as const;
export type KafkaSecurityMode = (typeof KAFKA_SECURITY_MODES)[number];

export const SCRAM_MECHANISMS = ['scram-sha-512', 'scram-sha-256'] as const;
export type ScramMechanism = (typeof SCRAM_MECHANISMS)[number];

/** TLS settings shared by every encrypted mode; caFile unset means the system trust store. */
export interface KafkaTls {
  readonly caFile: string | undefined;
}

export type KafkaSecurity =
  | { readonly mode: 'plaintext' }
  | { readonly mode: 'tls'; readonly tls: KafkaTls }
  | {
      readonly mode: 'sasl-scram';
      readonly mechanism: ScramMechanism;
      readonly username: string;
      readonly password: Secret;
      /** SASL_SSL when set, SASL_PLAINTEXT (local brokers only) when undefined. */
      readonly tls: KafkaTls | undefined;
    }
  | { readonly mode: 'aws-iam'; readonly region: string; readonly tls: KafkaTls };

export const PLAINTEXT: KafkaSecurity = Object.freeze({ mode: 'plaintext' });

/** An MSK IAM token for the region: a presigned kafka-cluster:Connect request, valid ~15 minutes. */
export type MskTokenProvider = (region: string) => Promise<{ token: string; expiryTime: number }>;

export interface SecurityDependencies {
  readCaFile: (path: string) => string;
  mskToken: MskTokenProvider;
}

export type KafkaSecurityOptions = Pick<KafkaConfig, 'ssl' | 'sasl'>;

function sslOption(tls: KafkaTls, deps: SecurityDependencies): ConnectionOptions | true {
  return tls.caFile === undefined ? true : { ca: [deps.readCaFile(tls.caFile)] };
}

export function kafkaSecurityOptions(security: KafkaSecurity, deps: SecurityDependencies): KafkaSecurityOptions {
  switch (security.mode) {
    case 'plaintext':
      return {};
    case 'tls':
      return { ssl: sslOption(security.tls, deps) };
    case 'sasl-scram': {
      const sasl: SASLOptions = {
        mechanism: security.mechanism,
        username: security.username,
        password: security.password.reveal(),
      };
      return security.tls === undefined ? { sasl } : { ssl: sslOption(security.tls, deps), sasl };
    }
    case 'aws-iam': {
      const { region } = security;
      // kafkajs asks for a token on every (re)authentication, so a fresh one is signed each time.
      const oauthBearerProvider = async () => ({ value: (await deps.mskToken(region)).token });
      return { ssl: sslOption(security.tls, deps), sasl: { mechanism: 'oauthbearer', oauthBearerProvider } };
    }
  }
}

/** One line for logs and error messages: the mode and user, never the password. */
export function describeKafkaSecurity(security: KafkaSecurity): string {
  switch (security.mode) {
    case 'plaintext':
      return 'plaintext';
    case 'tls':
      return 'TLS';
    case 'sasl-scram':
      return `SASL ${security.mechanism.toUpperCase()} as '${security.username}' over ${security.tls ? 'TLS' : 'plaintext'}`;
    case 'aws-iam':
      return `AWS MSK IAM (OAUTHBEARER, region ${security.region}) over TLS`;
  }
}
