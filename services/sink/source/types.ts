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

export interface ChangeEventSource {
  run(handler: BatchHandler): Promise<void>;
  /** Stops fetching, lets in-flight batches finish (and commit) within the deadline, leaves the group. */
  stop(): Promise<void>;
}
