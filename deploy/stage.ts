/**
 * What differs between stages — sizes, counts, retention, protection — and nothing else: one
 * stack definition reads these parameters, so dev and prod cannot drift apart by copy-paste.
 * Every value can be overridden with `-c key=value`; unknown stages and bad values fail synth.
 */
export const STAGES = ['dev', 'prod'] as const;
export type StageName = (typeof STAGES)[number];
export type DatabaseMode = 'serverless' | 'provisioned';

export interface TaskSize {
  readonly cpu: number;
  readonly memoryMiB: number;
}

export interface StageSettings {
  readonly stage: StageName;
  readonly maxAzs: number;
  readonly natGateways: number;
  readonly database: {
    readonly mode: DatabaseMode;
    readonly minAcu: number;
    readonly maxAcu: number;
    /** Instance class for provisioned mode, e.g. r7g.large. */
    readonly instanceClass: string;
    readonly readers: number;
    readonly backupRetentionDays: number;
  };
  /** Deletion protection on Aurora and the table; snapshots/retention instead of destroy on removal. */
  readonly protectData: boolean;
  /** Partitions of every change topic: also the sink's maximum task count. */
  readonly partitions: number;
  readonly logRetentionDays: number;
  readonly query: TaskSize & { readonly minTasks: number; readonly maxTasks: number };
  readonly sink: TaskSize & { readonly minTasks: number };
  readonly connect: TaskSize & { readonly tasks: number };
  readonly registry: TaskSize & { readonly tasks: number };
  readonly monitor: TaskSize;
  readonly alarms: {
    readonly consumerLagMessages: number;
    readonly watermarkAgeSeconds: number;
    readonly walRetainedBytes: number;
    readonly http5xxPercent: number;
  };
  /** HTTPS on the load balancer when set; plain HTTP (dev only) otherwise. */
  readonly certificateArn: string | undefined;
}

const DEFAULTS: Record<StageName, Omit<StageSettings, 'stage' | 'certificateArn'>> = {
  dev: {
    maxAzs: 2,
    natGateways: 1,
    database: { mode: 'serverless', minAcu: 0.5, maxAcu: 4, instanceClass: 't4g.medium', readers: 0, backupRetentionDays: 1 },
    protectData: false,
    partitions: 3,
    logRetentionDays: 14,
    query: { cpu: 256, memoryMiB: 512, minTasks: 1, maxTasks: 2 },
    sink: { cpu: 256, memoryMiB: 512, minTasks: 1 },
    connect: { cpu: 1024, memoryMiB: 2048, tasks: 1 },
    registry: { cpu: 512, memoryMiB: 1024, tasks: 1 },
    monitor: { cpu: 256, memoryMiB: 512 },
    alarms: { consumerLagMessages: 10_000, watermarkAgeSeconds: 300, walRetainedBytes: 5 * 1024 ** 3, http5xxPercent: 5 },
  },
  prod: {
    maxAzs: 3,
    natGateways: 3,
    database: { mode: 'serverless', minAcu: 2, maxAcu: 32, instanceClass: 'r7g.large', readers: 1, backupRetentionDays: 14 },
    protectData: true,
    partitions: 12,
    logRetentionDays: 90,
    query: { cpu: 1024, memoryMiB: 2048, minTasks: 2, maxTasks: 12 },
    sink: { cpu: 512, memoryMiB: 1024, minTasks: 2 },
    connect: { cpu: 2048, memoryMiB: 4096, tasks: 2 },
    registry: { cpu: 1024, memoryMiB: 2048, tasks: 2 },
    monitor: { cpu: 256, memoryMiB: 512 },
    alarms: { consumerLagMessages: 50_000, watermarkAgeSeconds: 60, walRetainedBytes: 20 * 1024 ** 3, http5xxPercent: 1 },
  },
};

export type ContextReader = (key: string) => unknown;

function positiveInt(key: string, value: unknown, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new RangeError(`context ${key} must be a whole number from 1 to ${max} (got ${JSON.stringify(value)})`);
  }
  return n;
}

/** The settings of the stage named by `-c stage=…` (dev when absent), with context overrides applied. */
export function stageSettings(context: ContextReader): StageSettings {
  const stage = context('stage') ?? 'dev';
  if (typeof stage !== 'string' || !(STAGES as readonly string[]).includes(stage)) {
    throw new RangeError(`context stage must be one of ${STAGES.join(', ')} (got ${JSON.stringify(stage)})`);
  }
  const base = DEFAULTS[stage as StageName];
  const mode = context('database') ?? base.database.mode;
  if (mode !== 'serverless' && mode !== 'provisioned') {
    throw new RangeError(`context database must be serverless or provisioned (got ${JSON.stringify(mode)})`);
  }
  const partitions = positiveInt('partitions', context('partitions'), base.partitions, 200);
  const certificateArn = context('certificateArn');
  if (certificateArn !== undefined && (typeof certificateArn !== 'string' || !certificateArn.startsWith('arn:'))) {
    throw new RangeError('context certificateArn must be an ACM certificate ARN');
  }
  return {
    ...base,
    stage: stage as StageName,
    database: { ...base.database, mode, readers: positiveIntOrZero('readers', context('readers'), base.database.readers) },
    partitions,
    sink: { ...base.sink, minTasks: Math.min(base.sink.minTasks, partitions) },
    certificateArn: certificateArn as string | undefined,
  };
}

function positiveIntOrZero(key: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 15) throw new RangeError(`context ${key} must be a whole number from 0 to 15 (got ${JSON.stringify(value)})`);
  return n;
}
