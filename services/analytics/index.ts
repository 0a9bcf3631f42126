/** The query service's analytics: record() never waits; a background buffer sends to Kafka. */
import type { Config } from '../shared/config.js';
import type { Logger } from '../shared/logger.js';
import { SendBuffer, type BufferStats } from './buffer.js';
import { analyticsEvent, type AnalyticsEvent, type AnalyticsEventFields, type AnalyticsEventType } from './events.js';
import { KafkaAnalyticsSender } from './kafka-sender.js';

export {
  analyticsEvent, ANALYTICS_EVENT_TYPES, type AnalyticsEvent, type AnalyticsEventFields, type AnalyticsEventType,
} from './events.js';
export { SendBuffer, type BufferStats } from './buffer.js';

export interface Analytics {
  /** Never waits and never throws: the event is built and buffered, or counted as dropped. */
  record(type: AnalyticsEventType, fields: AnalyticsEventFields & { requestId: string; dataSource: string }): void;
  stats(): BufferStats;
  close(deadlineMs: number): Promise<void>;
}

export function createAnalytics(config: Pick<Config, 'analytics' | 'kafka' | 'schemaRegistryUrl'>, logger: Logger): Analytics {
  const log = logger.child({ component: 'analytics' });
  if (!config.analytics.enabled) {
    let dropped = 0;
    return {
      record: () => {
        dropped += 1;
      },
      stats: () => ({ buffered: 0, sent: 0, dropped, failed: 0 }),
      close: async () => undefined,
    };
  }
  const sender = new KafkaAnalyticsSender({
    brokers: config.kafka.brokers,
    clientId: config.kafka.clientId,
    security: config.kafka.security,
    topic: config.analytics.topic,
    schemaRegistryUrl: config.schemaRegistryUrl,
    logger: log,
  });
  let lastWarning = 0;
  const buffer = new SendBuffer<AnalyticsEvent>({
    limit: config.analytics.bufferLimit,
    batchSize: config.analytics.batchSize,
    flushIntervalMs: config.analytics.flushIntervalMs,
    send: sender.send,
    onSendError: (err, size) => {
      // At most one warning every 30 s: an absent Kafka must not flood the logs.
      if (Date.now() - lastWarning > 30_000) {
        lastWarning = Date.now();
        log.warn({ err: { message: (err as Error).message }, batchSize: size }, 'analytics send failed; events stay buffered and are retried');
      }
    },
  });
  buffer.start();
  return {
    record: (type, fields) => {
      buffer.push(analyticsEvent(type, fields));
    },
    stats: () => buffer.stats(),
    close: async (deadlineMs) => {
      await buffer.stop(deadlineMs);
      await sender.close();
    },
  };
}
