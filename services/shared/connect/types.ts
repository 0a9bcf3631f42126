/** Shapes of connector definition files and of the Kafka Connect REST API payloads we read. */

/** Connect stores every setting as a string; so do our files, which keeps diffs exact. */
export type ConnectorConfig = Record<string, string>;

/** One file of connectors/: the body Connect's POST /connectors takes. */
export interface ConnectorDefinition {
  readonly name: string;
  readonly config: ConnectorConfig;
  /** Where it came from, for error messages. */
  readonly file: string;
}

export type ConnectorState = 'UNASSIGNED' | 'RUNNING' | 'PAUSED' | 'FAILED' | 'RESTARTING' | 'STOPPED' | (string & {});

export interface TaskStatus {
  readonly id: number;
  readonly state: ConnectorState;
  readonly worker_id: string;
  readonly trace?: string;
}

/** GET /connectors/{name}/status */
export interface ConnectorStatus {
  readonly name: string;
  readonly connector: { readonly state: ConnectorState; readonly worker_id: string; readonly trace?: string; readonly version?: string };
  readonly tasks: readonly TaskStatus[];
  readonly type?: string;
}

/** PUT /connector-plugins/{class}/config/validate */
export interface ValidationResult {
  readonly name: string;
  readonly error_count: number;
  readonly configs: ReadonlyArray<{
    readonly definition?: { readonly name: string; readonly documentation?: string };
    /** null for some internal settings (seen with Debezium 3.6.1's internal.legacy.snapshot.max.threads). */
    readonly value: { readonly name: string; readonly value: string | null; readonly errors: readonly string[] } | null;
  }>;
}
