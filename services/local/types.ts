export const INFRASTRUCTURE_PARTS = ['postgres', 'kafka', 'registry', 'connect', 'dynamodb'] as const;
/** The project's own services; `up --skip-services` leaves them out. */
export const SERVICE_PARTS = ['query', 'sink', 'monitor'] as const;
export const PART_NAMES = [...INFRASTRUCTURE_PARTS, ...SERVICE_PARTS] as const;
export type PartName = (typeof PART_NAMES)[number];
export type ServicePartName = (typeof SERVICE_PARTS)[number];
export type InfrastructurePartName = (typeof INFRASTRUCTURE_PARTS)[number];

export function isServicePart(name: PartName): name is ServicePartName {
  return (SERVICE_PARTS as readonly string[]).includes(name);
}

export function isPartName(value: string): value is PartName {
  return (PART_NAMES as readonly string[]).includes(value);
}

/** What the process runner needs to start a part as a detached process. */
export interface LaunchCommand {
  readonly file: string;
  readonly args: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd: string;
}

/**
 * One server of the local platform. A part is either started by us (pid file, log file, a
 * marker in its command line that proves the pid is ours) or external (only probed).
 */
export interface Part {
  readonly name: PartName;
  /** Where clients reach it, e.g. `127.0.0.1:9092`. */
  readonly endpoint: string;
  readonly external: boolean;
  readonly logFile: string;
  readonly pidFile: string;
  /** A string that must appear in /proc/<pid>/cmdline for the pid in the pid file to be ours. */
  readonly commandMarker: string;
  /** Postgres takes SIGINT (fast shutdown); SIGTERM would wait for every client to leave. */
  readonly stopSignal: NodeJS.Signals;
  readonly startTimeoutMs: number;
  /** Writes configuration and does one-time initialisation; safe to repeat. */
  prepare(): Promise<void>;
  launchCommand(): LaunchCommand;
  /** Resolves when the part does real work (see readiness.ts); rejects with the reason otherwise. */
  probe(): Promise<void>;
  /** Runs once the part is ready (e.g. create the `bellyfed` database). Safe to repeat. */
  afterReady?(): Promise<void>;
}

export type PartState = 'ready' | 'running-not-ready' | 'stopped' | 'not-started' | 'external-ready' | 'external-down';

export interface PartStatus {
  readonly name: PartName;
  readonly state: PartState;
  readonly endpoint: string;
  readonly pid?: number;
  readonly detail?: string;
  readonly logFile: string;
}

export type Reporter = (line: string) => void;
