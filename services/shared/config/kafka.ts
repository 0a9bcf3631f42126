/** Kafka (brokers, authentication), the schema registry and the change topics' prefix. */
import { z } from 'zod';
import { KAFKA_SECURITY_MODES, SCRAM_MECHANISMS, type KafkaSecurity } from '../kafka/security.js';
import { awsRegion, bool, brokerList, httpUrl } from './fields.js';

export const KAFKA_ENV = {
  KAFKA_BROKERS: brokerList.default(['127.0.0.1:9092']).describe('Comma-separated Kafka bootstrap brokers, host:port.'),
  KAFKA_CLIENT_ID: z.string().min(1).default('bellyfed').describe('Kafka client id prefix.'),
  KAFKA_SECURITY: z
    .enum(KAFKA_SECURITY_MODES, { message: `must be one of ${KAFKA_SECURITY_MODES.join(', ')}` })
    .default('plaintext')
    .describe('How Kafka clients authenticate: plaintext, tls, sasl-scram (user and password) or aws-iam (MSK IAM, OAUTHBEARER).'),
  KAFKA_SASL_MECHANISM: z
    .enum(SCRAM_MECHANISMS, { message: `must be one of ${SCRAM_MECHANISMS.join(', ')}` })
    .default('scram-sha-512')
    .describe('SCRAM mechanism with KAFKA_SECURITY=sasl-scram.'),
  KAFKA_SASL_USERNAME: z.string().min(1).optional().describe('SCRAM user name (KAFKA_SECURITY=sasl-scram).'),
  KAFKA_SASL_PASSWORD: z.string().min(1).optional().describe('SCRAM password (KAFKA_SECURITY=sasl-scram); never logged.'),
  KAFKA_TLS: bool
    .optional()
    .describe('TLS to the brokers with sasl-scram (default true; false for a local SASL_PLAINTEXT listener). tls and aws-iam always use TLS.'),
  KAFKA_TLS_CA_FILE: z.string().min(1).optional().describe('PEM file of the CA that signed the brokers\' certificates (default: the system trust store).'),
  AWS_REGION: awsRegion
    .optional()
    .describe('AWS region of the MSK cluster, needed with KAFKA_SECURITY=aws-iam (the AWS SDK reads it too).'),
  SCHEMA_REGISTRY_URL: httpUrl
    .default('http://127.0.0.1:8081/apis/ccompat/v7')
    .describe('Confluent-compatible schema registry API (Apicurio: …/apis/ccompat/v7).'),
  CDC_TOPIC_PREFIX: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, { message: 'must be a topic prefix of letters, digits, _ or -' })
    .default('bellyfed')
    .describe("Debezium's topic.prefix: change topics are <prefix>.public.<table>."),
};

export interface KafkaConfig {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly security: KafkaSecurity;
}
