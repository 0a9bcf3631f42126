/**
 * kafkajs behind one factory: every component builds its Kafka client here, so connection and
 * authentication settings (plaintext, TLS, SASL/SCRAM, MSK IAM) are decided once, kafkajs's logs
 * go through pino, and a refused login surfaces as KAFKA_AUTH_FAILED naming the variables to fix.
 */
import { readFileSync } from 'node:fs';
import { Kafka, logLevel, type LogEntry } from 'kafkajs';
import { BellyfedError } from '../errors.js';
import type { Logger } from '../logger.js';
import { toKafkaAuthError } from './auth-errors.js';
import { signMskToken } from './msk-iam.js';
import { kafkaSecurityOptions, PLAINTEXT, type KafkaSecurity, type SecurityDependencies } from './security.js';
import { RETRY_POLICIES } from '../retry-policies.js';

export interface KafkaClientOptions {
  brokers: readonly string[];
  clientId: string;
  logger: Logger;
  /** From config.kafka.security; plaintext when absent. */
  security?: KafkaSecurity;
  /** Fail fast: callers have their own retry policy (buffer backoff, consumer pause). */
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
  retries?: number;
}

function readCaFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new BellyfedError('CONFIG_INVALID', `KAFKA_TLS_CA_FILE: cannot read ${path} (${(err as Error).message})`, { cause: err });
  }
}

const DEFAULT_DEPENDENCIES: SecurityDependencies = { readCaFile, mskToken: signMskToken };

export function createKafka(options: KafkaClientOptions, deps: SecurityDependencies = DEFAULT_DEPENDENCIES): Kafka {
  const log = options.logger.child({ component: 'kafkajs' });
  const security = options.security ?? PLAINTEXT;
  const kafka = new Kafka({
    clientId: options.clientId,
    brokers: [...options.brokers],
    ...kafkaSecurityOptions(security, deps),
    connectionTimeout: options.connectionTimeoutMs ?? 3000,
    requestTimeout: options.requestTimeoutMs ?? 10_000,
    retry: {
      retries: options.retries ?? RETRY_POLICIES.kafkaClient.maxAttempts,
      initialRetryTime: RETRY_POLICIES.kafkaClient.baseMs,
      maxRetryTime: RETRY_POLICIES.kafkaClient.maxMs,
    },
    logLevel: logLevel.WARN,
    logCreator: () => (entry: LogEntry) => {
      const { message, ...rest } = entry.log;
      const level = entry.level === logLevel.ERROR ? 'error' : entry.level === logLevel.WARN ? 'warn' : 'debug';
      log[level]({ namespace: entry.namespace, ...rest }, message);
    },
  });
  return withClearAuthErrors(kafka, security, options.brokers);
}

/** Makes connect() of every producer, consumer and admin reject with KAFKA_AUTH_FAILED on a refused login. */
function withClearAuthErrors(kafka: Kafka, security: KafkaSecurity, brokers: readonly string[]): Kafka {
  const wrapConnect = <T extends { connect: () => Promise<void> }>(client: T): T => {
    const connect = client.connect.bind(client);
    client.connect = async () => {
      try {
        await connect();
      } catch (err) {
        throw toKafkaAuthError(err, security, brokers);
      }
    };
    return client;
  };
  const producer = kafka.producer.bind(kafka);
  const consumer = kafka.consumer.bind(kafka);
  const admin = kafka.admin.bind(kafka);
  kafka.producer = (config) => wrapConnect(producer(config));
  kafka.consumer = (config) => wrapConnect(consumer(config));
  kafka.admin = (config) => wrapConnect(admin(config));
  return kafka;
}
