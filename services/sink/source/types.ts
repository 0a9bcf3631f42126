/**
 * The sink's view of its input: batches of raw messages per partition. The Kafka client sits
 * behind this interface (kafkajs is in maintenance mode; the sink must not care who feeds it).
 */
export interface RawMessage {
  topic: string;
  partition: number;
  /** Kafka offsets are 64-bit; kept as decimal strings. */
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  /** Broker timestamp, epoch ms. */
  timestamp: number;
  headers: Record<string, string>;
}

export interface SourceBatch {
  topic: string;
  partition: number;
  messages: RawMessage[];
  /** End offset of the partition when fetched, for lag. */
  highWatermark: string;
}

export interface BatchControl {
  /** False once the partition was revoked or the source is stopping: do not commit, give up the batch. */
  stillOwned(): boolean;
  /** Keeps the group membership alive during long work (retries, backoff). */
  heartbeat(): Promise<void>;
  /** Aborted when the source stops. */
  signal: AbortSignal;
}

/** The handler resolves once every effect of the batch is durable; only then is its offset committed. */
export type BatchHandler = (batch: SourceBatch, control: BatchControl) => Promise<void>;

/** Topic name → partitions. */
export type Assignment = Readonly<Record<string, readonly number[]>>;

/** What a source reports about itself, so that nobody needs to reach into the client behind it. */
export interface SourceListener {
  /** This member joined the group with these partitions (after every rebalance). */
  assigned(assignment: Assignment): void;
  /** The client failed for good (it will not fetch again): replace the source. */
  crashed(error: unknown): void;
  /** A batch's handler started (or started again after a failure) and ended. */
  batchStarted(batch: SourceBatch): void;
  batchEnded(batch: SourceBatch): void;
  /** A batch failed in a way that can pass; it is retried in place after a backoff. */
  batchFailed(batch: SourceBatch, error: unknown, attempt: number): void;
  /** A batch failed with a bug: nothing is committed, the source stops fetching, the process must stop. */
  fatal(batch: SourceBatch, error: unknown): void;
}

export interface ChangeEventSource {
  run(handler: BatchHandler): Promise<void>;
  /** Stops fetching, lets in-flight batches finish (and commit) within the deadline, leaves the group. */
  stop(): Promise<void>;
}

/** Creates a source for the current topic list (the supervisor replaces it when the list grows or it crashes). */
export type SourceFactory = (topics: readonly string[], listener: SourceListener) => ChangeEventSource;

/** The broker-side questions the supervisor and freshness tracking ask: which topics exist, where the group stands. */
export interface SourceAdmin {
  listTopics(): Promise<string[]>;
  positions(groupId: string, topics: readonly string[]): Promise<import('./positions.js').PartitionPosition[]>;
  close(): Promise<void>;
}
