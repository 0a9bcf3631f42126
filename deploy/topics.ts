/**
 * Kafka names the deployment agrees on with the connector file and the services: topic prefix,
 * change topics (one per captured table, `<prefix>.public.<table>`), the DLQ, analytics, the
 * Debezium heartbeat, Connect's internal topics, and the consumer groups.
 */
import { CAPTURED_TABLES } from '../services/model/captured-tables.js';
import { HEARTBEAT_TOPIC_PREFIX } from '../services/model/heartbeat.js';

export const TOPIC_PREFIX = 'bellyfed';

export const KAFKA_NAMES = {
  changeTopics: CAPTURED_TABLES.map((table) => `${TOPIC_PREFIX}.public.${table}`),
  /** Every change topic, present or future (a table added to the capture needs no IAM change). */
  changeTopicPattern: `${TOPIC_PREFIX}.public.*`,
  heartbeatTopic: `${HEARTBEAT_TOPIC_PREFIX}${TOPIC_PREFIX}`,
  deadLetterTopic: `${TOPIC_PREFIX}.sink.dlq`,
  analyticsTopic: `${TOPIC_PREFIX}.analytics.events`,
  connectInternalTopics: {
    configs: `${TOPIC_PREFIX}-connect.configs`,
    offsets: `${TOPIC_PREFIX}-connect.offsets`,
    status: `${TOPIC_PREFIX}-connect.status`,
  },
  /** Connect's worker group, and the sink's consumer group. */
  connectGroup: `${TOPIC_PREFIX}-connect`,
  sinkGroup: `${TOPIC_PREFIX}-sink`,
} as const;
