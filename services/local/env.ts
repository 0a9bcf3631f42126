import { localScramPassword, LOCAL_SCRAM_USER } from './kafka-scram.js';
import { LOCAL_HOST, connectUrl, kafkaScramBrokers, databaseUrl, DYNALITE_CREDENTIALS, dynamodbEndpoint, kafkaBrokers, schemaRegistryUrl, type LocalConfig } from './config.js';

/** The settings that point any command or test at the local platform: `eval "$(bellyfed local env)"`. */
export function platformEnvironment(config: LocalConfig): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl(config),
    KAFKA_BROKERS: kafkaBrokers(config),
    SCHEMA_REGISTRY_URL: schemaRegistryUrl(config),
    CONNECT_URL: connectUrl(config),
    DYNAMODB_ENDPOINT: dynamodbEndpoint(config),
    DYNAMODB_TABLE: config.dynamodb.table,
    DYNAMODB_REGION: config.dynamodb.region,
    // dynalite checks no credentials; the SDK still wants some. Local dummies, not secrets.
    AWS_ACCESS_KEY_ID: DYNALITE_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: DYNALITE_CREDENTIALS.secretAccessKey,
    AWS_REGION: config.dynamodb.region,
    // The project's services, where `local up` runs them.
    ...Object.fromEntries(Object.entries(config.servicePorts).map(([name, port]) => [`${name.toUpperCase()}_URL`, `http://${LOCAL_HOST}:${port}`])),
  };
}

export function renderShellExports(environment: Record<string, string>): string {
  const quote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;
  return Object.entries(environment)
    .map(([name, value]) => `export ${name}=${quote(value)}`)
    .join('\n');
}

/**
 * `local env --kafka-scram`: the same settings, with Kafka clients pointed at the broker's
 * SASL/SCRAM listener and its local user (the password is a local, per-checkout credential).
 */
export async function scramEnvironment(config: LocalConfig): Promise<Record<string, string>> {
  return {
    ...platformEnvironment(config),
    KAFKA_BROKERS: kafkaScramBrokers(config),
    KAFKA_SECURITY: 'sasl-scram',
    // The local SASL listener has no TLS (SASL_PLAINTEXT).
    KAFKA_TLS: 'false',
    KAFKA_SASL_MECHANISM: 'scram-sha-512',
    KAFKA_SASL_USERNAME: LOCAL_SCRAM_USER,
    KAFKA_SASL_PASSWORD: await localScramPassword(config),
  };
}
