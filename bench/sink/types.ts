/** What the sink benchmark takes and what it measures (shared by the run and the report). */
import type { LatencyResult } from './latency.js';
import type { CpuSnapshot } from './platform-cpu.js';

export interface SinkBenchOptions {
  events: number;
  concurrency: number;
  /** Ceiling-then-sink pairs measured (the report takes the median pair's ratio). */
  trials: number;
  /** Restaurants seeded before the connector starts (snapshot events count as events too). */
  seedRestaurants: number;
  /** Latency phases: one per rate, each `seconds` long, in this order. */
  latency: { rates: number[]; seconds: number } | undefined;
  /** Connector settings over the committed file's (none by default: the committed settings are measured). */
  connectorOverrides: Record<string, string>;
  log: (line: string) => void;
  /** Called with the figures before the cleanups run (dropping tables on a busy dynalite can take minutes). */
  report?: (result: SinkBenchResult) => Promise<void>;
}

export interface ContenderResult {
  name: string;
  events: number;
  seconds: number;
  /** Peak RSS of the process that ran the contender; `inBench` when that was the benchmark process itself. */
  peakRssBytes: number;
  inBench: boolean;
  cpu: CpuSnapshot;
  /** DynamoDB requests sent (the raw loader's retries included). */
  requests?: number;
  requestsByOperation?: Record<string, number>;
}

/** One ceiling run and the sink run right after it, on tables and groups of their own. */
export interface SinkTrial {
  ceiling: ContenderResult;
  sink: ContenderResult;
}

export interface SinkBenchResult {
  events: number;
  snapshotEvents: number;
  /** Debezium's throughput while the changes were made: events/s from the first change until the topics held all. */
  captureRate: number;
  trials: SinkTrial[];
  naive: ContenderResult;
  latency: LatencyResult[];
  connectorOverrides: Record<string, string>;
  pgVersion: string;
}
