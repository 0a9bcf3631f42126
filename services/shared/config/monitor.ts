/** The monitor and `bellyfed lag`: what is watched, how often, and the warning/critical thresholds. */
import { z } from 'zod';
import { bool, httpUrl, int, nameList, regexSource } from './fields.js';

export const MONITOR_ENV = {
  QUERY_URL: httpUrl
    .optional()
    .describe("Base URL of the query service: the monitor scrapes its /metrics for the read-router's fallback and shadow-mismatch counts."),
  METRICS_NAMESPACE: z.string().regex(/^[A-Za-z0-9./#:_-]{1,255}$/, { message: 'must be a CloudWatch namespace such as Bellyfed/prod' })
    .optional()
    .describe('CloudWatch namespace the monitor publishes the pipeline signals to (unset: no publishing).'),
  MONITOR_PORT: int(0, 65535).default(8091).describe('Port of the monitor: dashboard at /, /status, /history, /metrics.'),
  MONITOR_INTERVAL_MS: int(100, 600_000).default(5000).describe('How often the monitor samples lag, slot, connectors, watermarks and the DLQ.'),
  MONITOR_HISTORY_SAMPLES: int(2, 100_000)
    .default(360)
    .describe('Samples the monitor keeps in memory for the dashboard charts (360 × 5 s = 30 minutes).'),
  MONITOR_SOURCE_TIMEOUT_MS: int(100, 60_000)
    .default(3000)
    .describe('Longest the monitor waits for one source (Kafka, PostgreSQL, Connect, DynamoDB, query service) per sample.'),
  MONITOR_GROUPS: nameList.optional().describe('Comma-separated consumer groups whose lag is watched (default: SINK_GROUP_ID).'),
  MONITOR_TOPIC_PATTERN: regexSource
    .optional()
    .describe('Regular expression of the topics each watched group must consume (default: the change topics, ^<CDC_TOPIC_PREFIX>\\.public\\.); topics a group has committed offsets for are watched too.'),
  MONITOR_SLOT_NAME: z.string().regex(/^[a-z0-9_]{1,63}$/, { message: 'must be a replication slot name (a-z, 0-9, _)' })
    .default('bellyfed_slot')
    .describe("The Debezium connector's replication slot, whose activity and retained WAL are watched."),
  MONITOR_CONNECTORS: nameList.default(['bellyfed-postgres-source']).describe('Comma-separated Kafka Connect connectors whose state is watched.'),
  MONITOR_AUTO_RESTART: bool.default(true)
    .describe('Restart a watched connector whose connector or task FAILED (failed parts only), backing off from 30 s to 30 min (docs/RUNBOOK.md).'),
  MONITOR_LAG_WARNING_MESSAGES: int(0, 1_000_000_000).default(1000).describe('Consumer lag of one partition, in messages, that makes the state warning.'),
  MONITOR_LAG_CRITICAL_MESSAGES: int(0, 1_000_000_000).default(10_000).describe('Consumer lag of one partition, in messages, that makes the state critical.'),
  MONITOR_LAG_WARNING_SECONDS: int(0, 604_800).default(30).describe('Age of the oldest unconsumed event of a partition that makes the state warning.'),
  MONITOR_LAG_CRITICAL_SECONDS: int(0, 604_800).default(120).describe('Age of the oldest unconsumed event of a partition that makes the state critical.'),
  MONITOR_WATERMARK_WARNING_SECONDS: int(0, 604_800).default(60).describe("Age of a table's sink watermark (end-to-end freshness) that makes the state warning."),
  MONITOR_WATERMARK_CRITICAL_SECONDS: int(0, 604_800).default(300).describe("Age of a table's sink watermark (end-to-end freshness) that makes the state critical."),
  MONITOR_WAL_WARNING_BYTES: int(0, 1_000_000_000_000_000)
    .default(1024 ** 3)
    .describe('WAL the replication slot retains (pg_current_wal_lsn() − confirmed_flush_lsn) that makes the state warning.'),
  MONITOR_WAL_CRITICAL_BYTES: int(0, 1_000_000_000_000_000)
    .default(5 * 1024 ** 3)
    .describe('WAL the replication slot retains that makes the state critical (PostgreSQL keeps it until the connector confirms).'),
  MONITOR_SLOT_INACTIVE_CRITICAL_SECONDS: int(0, 86_400)
    .default(60)
    .describe('How long the slot may stay inactive (no connector streaming from it) before its warning turns critical.'),
  MONITOR_DLQ_WARNING_MESSAGES: int(0, 1_000_000_000)
    .default(0)
    .describe('Messages held in the dead-letter topic above which the state is warning (0: any dead letter warns).'),
};

/** Warning must not exceed critical for each of these. */
export const MONITOR_THRESHOLD_PAIRS = [
  ['MONITOR_LAG_WARNING_MESSAGES', 'MONITOR_LAG_CRITICAL_MESSAGES'],
  ['MONITOR_LAG_WARNING_SECONDS', 'MONITOR_LAG_CRITICAL_SECONDS'],
  ['MONITOR_WATERMARK_WARNING_SECONDS', 'MONITOR_WATERMARK_CRITICAL_SECONDS'],
  ['MONITOR_WAL_WARNING_BYTES', 'MONITOR_WAL_CRITICAL_BYTES'],
] as const;

export interface MonitorThresholds {
  readonly lagWarningMessages: number;
  readonly lagCriticalMessages: number;
  readonly lagWarningSeconds: number;
  readonly lagCriticalSeconds: number;
  readonly watermarkWarningSeconds: number;
  readonly watermarkCriticalSeconds: number;
  readonly walWarningBytes: number;
  readonly walCriticalBytes: number;
  readonly slotInactiveCriticalSeconds: number;
  readonly dlqWarningMessages: number;
}

export interface MonitorConfig {
  readonly port: number;
  readonly intervalMs: number;
  readonly historySamples: number;
  readonly sourceTimeoutMs: number;
  readonly groups: readonly string[];
  /** Source of a RegExp: the topics every watched group must consume. */
  readonly topicPattern: string;
  readonly slotName: string;
  readonly connectors: readonly string[];
  /** Restart failed connectors (services/monitor/auto-restart/). */
  readonly autoRestart: boolean;
  readonly thresholds: MonitorThresholds;
  /** CloudWatch namespace to publish to, with the region of the deployment; undefined: none. */
  readonly cloudWatch: { readonly namespace: string; readonly region: string } | undefined;
}
