/**
 * The custom CloudWatch metrics the services publish (namespace Bellyfed/<stage>, no
 * dimensions): the contract between the monitor/sink/query code and the alarms, autoscaling
 * and dashboard here. docs/DEPLOY.md lists who publishes which.
 */
export const METRICS = {
  /** Monitor: sum over the sink group's partitions of (log end offset − committed offset). */
  consumerLag: 'ConsumerLag',
  /** Monitor: age in seconds of the stalest watermark item the sink wrote. */
  watermarkAgeSeconds: 'WatermarkAgeSeconds',
  /** Monitor: pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn) of the Debezium slot. */
  replicationSlotWalRetainedBytes: 'ReplicationSlotWalRetainedBytes',
  /** Sink: messages sent to the dead-letter topic (a count per period). */
  deadLetters: 'DeadLetterCount',
  /** Query service: DynamoDB routes served from PostgreSQL instead (errors, timeouts, staleness). */
  routerFallbacks: 'RouterFallbacks',
} as const;

export function metricsNamespace(stage: string): string {
  return `Bellyfed/${stage}`;
}
