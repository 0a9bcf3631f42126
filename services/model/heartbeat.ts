/**
 * Two kinds of heartbeat reach the sink; both only say "the connector had read the WAL up to
 * this source time", which is what the freshness watermark needs on a quiet database:
 * - Debezium's heartbeat topic `__debezium-heartbeat.<topic.prefix>` (value {ts_ms}),
 * - changes of the heartbeat table that heartbeat.action.query updates (connectors/sql).
 */
export const HEARTBEAT_TOPIC_PREFIX = '__debezium-heartbeat.';
export const HEARTBEAT_TABLE = 'debezium_heartbeat';

export function isHeartbeatTopic(topic: string): boolean {
  return topic.startsWith(HEARTBEAT_TOPIC_PREFIX);
}

export function isHeartbeatTable(table: string): boolean {
  return table === HEARTBEAT_TABLE;
}
