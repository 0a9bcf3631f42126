/**
 * What one sample of the pipeline holds. Every source is read on its own: a source that fails
 * becomes `unavailable` with the reason, and the others are still reported.
 */

/** The result of reading one source. `disabled`: not configured (the read-router without QUERY_URL). */
export type Reading<T> =
  | { readonly status: 'ok'; readonly data: T }
  | { readonly status: 'unavailable'; readonly error: string }
  | { readonly status: 'disabled' };

export type PipelineState = 'ok' | 'warning' | 'critical';

export interface PartitionLag {
  readonly topic: string;
  readonly partition: number;
  /** Log start offset (the oldest offset still retained). */
  readonly lowOffset: number;
  /** Log end offset (the offset the next message will get). */
  readonly endOffset: number;
  /** The group's committed offset (the next offset it will read); null when it never committed here. */
  readonly committedOffset: number | null;
  /** Messages the group has yet to consume. */
  readonly lagMessages: number;
  /** Age in seconds of the oldest unconsumed message; 0 without lag; null when it could not be read. */
  readonly lagSeconds: number | null;
}

export interface GroupLag {
  readonly group: string;
  /** Kafka's group state: Stable, Empty (no member: nobody consumes), PreparingRebalance, Dead… */
  readonly groupState: string;
  readonly members: number;
  readonly partitions: readonly PartitionLag[];
}

export interface SlotStatus {
  readonly name: string;
  /** false when the slot does not exist (the connector never created it, or it was dropped). */
  readonly exists: boolean;
  readonly active: boolean;
  readonly activePid: number | null;
  /** pg_current_wal_lsn() − confirmed_flush_lsn: WAL written that the connector has not confirmed. */
  readonly retainedWalBytes: number | null;
  /** pg_current_wal_lsn() − restart_lsn: WAL PostgreSQL must keep on disk for the slot. */
  readonly restartWalBytes: number | null;
  /** PostgreSQL's wal_status: reserved, extended, unreserved, lost (lost: the slot is unusable). */
  readonly walStatus: string | null;
  /** When the monitor first saw it inactive (ISO time); null while active. Carried across samples. */
  readonly inactiveSince: string | null;
}

export interface TaskHealth {
  readonly id: number;
  readonly state: string;
  readonly workerId: string;
  /** The first lines of the Java trace of a FAILED task. */
  readonly trace: string | null;
}

export interface ConnectorHealth {
  readonly name: string;
  /** MISSING when Connect has no connector of that name. */
  readonly state: string;
  readonly workerId: string | null;
  readonly trace: string | null;
  readonly tasks: readonly TaskHealth[];
}

export interface PartitionWatermark {
  readonly partition: number;
  /** Source commit time (ms) of the last event the sink applied; null when the item does not exist. */
  readonly sourceTsMs: number | null;
}

export interface TableWatermark {
  readonly table: string;
  /** now − the stalest partition's watermark, in seconds; null (unknown) when no partition has one. */
  readonly ageSeconds: number | null;
  readonly partitions: readonly PartitionWatermark[];
}

export interface DeadLetters {
  readonly topic: string;
  /** false until the sink dead-letters its first event (the topic is created then). */
  readonly exists: boolean;
  /** Messages retained in the topic (end − start offsets over its partitions). */
  readonly messages: number;
}

export interface RouterCounts {
  /** Totals of the query service's counters; null when it exposes no such metric (yet). */
  readonly fallbacks: number | null;
  readonly shadowMismatches: number | null;
}

export interface PipelineSample {
  /** ISO time the sample was taken. */
  readonly sampledAt: string;
  readonly consumers: Reading<readonly GroupLag[]>;
  readonly slot: Reading<SlotStatus>;
  readonly connectors: Reading<readonly ConnectorHealth[]>;
  readonly watermarks: Reading<readonly TableWatermark[]>;
  readonly deadLetters: Reading<DeadLetters>;
  readonly router: Reading<RouterCounts>;
}

export type SourceName = Exclude<keyof PipelineSample, 'sampledAt'>;

export interface Reason {
  readonly severity: Exclude<PipelineState, 'ok'>;
  readonly source: SourceName;
  readonly message: string;
}

export interface Evaluation {
  readonly state: PipelineState;
  /** Worst first. */
  readonly reasons: readonly Reason[];
}

/** The JSON of /status and `bellyfed lag --json`: the verdict, then the sample it was drawn from. */
export type PipelineStatus = Evaluation & PipelineSample;
