/**
 * kafkajs behind one factory: every component builds its Kafka client here, so connection
 * settings (and, later, TLS/SASL) are decided once, and kafkajs's logs go through pino.
 */
import { Kafka, logLevel, type LogEntry } from 'kafkajs';
import type { Logger } from '../logger.js';

export interface KafkaClientOptions {
  brokers: readonly string[];
  clientId: string;
  logger: Logger;
  /** Fail fast: callers have their own retry policy (buffer backoff, consumer pause). */
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
  retries?: number;
}

export function createKafka(options: KafkaClientOptions): Kafka {
  const log = options.logger.child({ component: 'kafkajs' });
  return new Kafka({
    clientId: options.clientId,
    brokers: [...options.brokers],
    connectionTimeout: options.connectionTimeoutMs ?? 3000,
    requestTimeout: options.requestTimeoutMs ?? 10_000,
    retry: { retries: options.retries ?? 3, initialRetryTime: 200, maxRetryTime: 5000 },
    logLevel: logLevel.WARN,
    logCreator: () => (entry: LogEntry) => {
      const { message, ...rest } = entry.log;
      const level = entry.level === logLevel.ERROR ? 'error' : entry.level === logLevel.WARN ? 'warn' : 'debug';
      log[level]({ namespace: entry.namespace, ...rest }, message);
    },
  });
}
