/**
 * Which topics the sink reads: every change topic of the prefix (`<prefix>.public.<table>`, the
 * heartbeat table's too) and Debezium's heartbeat topic. Debezium creates a topic with its first
 * event, and kafkajs matches a pattern only against topics that exist when it subscribes, so the
 * supervisor resolves the list itself and re-subscribes when it grows (supervisor.ts).
 */
import { SIGNAL_TABLE } from '../../model/captured-tables.js';
import { HEARTBEAT_TABLE, HEARTBEAT_TOPIC_PREFIX } from '../../model/heartbeat.js';

export function changeTopicPattern(prefix: string): RegExp {
  return new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}\\.public\\.`);
}

/**
 * The signal table is captured only so Debezium sees its own incremental-snapshot watermarks in
 * the stream; its rows (signals, watermarks) are not app data, and read as app data every
 * `connectors snapshot` would fill the dead-letter topic.
 */
export function sinkTopicsOf(all: readonly string[], prefix: string): string[] {
  const pattern = changeTopicPattern(prefix);
  const heartbeat = `${HEARTBEAT_TOPIC_PREFIX}${prefix}`;
  const signals = `${prefix}.${SIGNAL_TABLE}`;
  return all.filter((t) => (pattern.test(t) && t !== signals) || t === heartbeat).sort();
}

/** The app tables' change topics (not the heartbeat table's, which moves by itself): the table, or undefined. */
export function appTableOf(topic: string, prefix: string): string | undefined {
  if (!changeTopicPattern(prefix).test(topic)) return undefined;
  const table = topic.slice(prefix.length + '.public.'.length);
  return table === HEARTBEAT_TABLE ? undefined : table;
}
