/** Builders of samples for the monitor's unit tests: a healthy pipeline, changed one field at a time. */
import { loadConfig, type MonitorThresholds } from '../../../services/shared/config.js';
import type { ConnectorHealth, GroupLag, PipelineSample, SlotStatus } from '../../../services/monitor/types.js';

export const SAMPLED_AT = '2025-03-01T10:00:00.000Z';

export const THRESHOLDS: MonitorThresholds = loadConfig({}).monitor.thresholds;

export function healthyGroup(overrides: Partial<GroupLag> = {}): GroupLag {
  return {
    group: 'bellyfed-sink',
    groupState: 'Stable',
    members: 1,
    partitions: [
      { topic: 'bellyfed.public.reviews', partition: 0, lowOffset: 0, endOffset: 100, committedOffset: 100, lagMessages: 0, lagSeconds: 0 },
      { topic: 'bellyfed.public.reviews', partition: 1, lowOffset: 0, endOffset: 50, committedOffset: 48, lagMessages: 2, lagSeconds: 0.4 },
    ],
    ...overrides,
  };
}

export function healthySlot(overrides: Partial<SlotStatus> = {}): SlotStatus {
  return {
    name: 'bellyfed_slot',
    exists: true,
    active: true,
    activePid: 4242,
    retainedWalBytes: 2048,
    restartWalBytes: 65_536,
    walStatus: 'reserved',
    inactiveSince: null,
    ...overrides,
  };
}

export function runningConnector(overrides: Partial<ConnectorHealth> = {}): ConnectorHealth {
  return {
    name: 'bellyfed-postgres-source',
    state: 'RUNNING',
    workerId: '127.0.0.1:8083',
    trace: null,
    tasks: [{ id: 0, state: 'RUNNING', workerId: '127.0.0.1:8083', trace: null }],
    ...overrides,
  };
}

export function healthySample(overrides: Partial<PipelineSample> = {}): PipelineSample {
  return {
    sampledAt: SAMPLED_AT,
    consumers: { status: 'ok', data: [healthyGroup()] },
    slot: { status: 'ok', data: healthySlot() },
    connectors: { status: 'ok', data: [runningConnector()] },
    watermarks: {
      status: 'ok',
      data: [
        { table: 'reviews', ageSeconds: 1.5, partitions: [{ partition: 0, sourceTsMs: Date.parse(SAMPLED_AT) - 1500 }] },
        { table: 'users', ageSeconds: null, partitions: [{ partition: 0, sourceTsMs: null }] },
      ],
    },
    deadLetters: { status: 'ok', data: { topic: 'bellyfed.sink.dlq', exists: false, messages: 0 } },
    router: { status: 'disabled' },
    ...overrides,
  };
}

/** A group with one partition of the given lag. */
export function lagging(lagMessages: number, lagSeconds: number | null): PipelineSample {
  return healthySample({
    consumers: {
      status: 'ok',
      data: [healthyGroup({
        partitions: [{ topic: 'bellyfed.public.reviews', partition: 3, lowOffset: 0, endOffset: 10_000 + lagMessages, committedOffset: 10_000, lagMessages, lagSeconds }],
      })],
    },
  });
}
