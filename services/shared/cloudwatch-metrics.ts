/**
 * The custom CloudWatch metrics of the platform (namespace Bellyfed/<stage>, no dimensions):
 * the contract between the monitor that publishes them and the alarms, autoscaling and dashboard
 * of deploy/ that read them. One definition for both sides.
 */
export const CLOUDWATCH_METRICS = {
  /** Sum over the sink group's partitions of (log end offset − committed offset). */
  consumerLag: 'ConsumerLag',
  /** Age in seconds of the stalest table watermark the sink wrote. */
  watermarkAgeSeconds: 'WatermarkAgeSeconds',
  /** pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn) of the Debezium slot. */
  replicationSlotWalRetainedBytes: 'ReplicationSlotWalRetainedBytes',
  /** Events that reached the dead-letter topic during the period. */
  deadLetters: 'DeadLetterCount',
  /** DynamoDB routes served from PostgreSQL instead during the period (errors, timeouts, staleness). */
  routerFallbacks: 'RouterFallbacks',
} as const;

export function metricsNamespace(stage: string): string {
  return `Bellyfed/${stage}`;
}
