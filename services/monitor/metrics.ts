/**
 * The monitor's Prometheus metrics, computed at scrape time from the latest sample (no state of
 * their own). A source that could not be read leaves its series out, rather than repeating
 * stale numbers; bellyfed_monitor_source_up says which.
 */
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { stateCode } from './evaluate.js';
import type { PipelineStatus, SourceName } from './types.js';

/** Connect's states, exported as one 0/1 series each (the kube-state-metrics convention for enums). */
export const CONNECTOR_STATES = ['RUNNING', 'PAUSED', 'FAILED', 'UNASSIGNED', 'RESTARTING', 'STOPPED', 'MISSING'] as const;
const SOURCES: readonly SourceName[] = ['consumers', 'slot', 'connectors', 'watermarks', 'deadLetters', 'router'];

export function createMonitorMetrics(
  latest: () => PipelineStatus | undefined,
  autoRestarts: () => ReadonlyMap<string, number> = () => new Map(),
): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[], fill: (g: Gauge<L>, s: PipelineStatus) => void) =>
    new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [registry],
      collect() {
        this.reset();
        const status = latest();
        if (status !== undefined) fill(this, status);
      },
    });

  gauge('bellyfed_pipeline_state', 'Overall pipeline state: 0 ok, 1 warning, 2 critical (reasons at /status).', [], (g, s) => g.set(stateCode(s.state)));
  gauge('bellyfed_monitor_last_sample_timestamp_seconds', 'When the monitor last sampled the pipeline (Unix time).', [], (g, s) => g.set(Date.parse(s.sampledAt) / 1000));
  gauge('bellyfed_monitor_source_up', 'Whether the monitor could read a source at the last sample (1) or not (0).', ['source'], (g, s) => {
    for (const source of SOURCES) if (s[source].status !== 'disabled') g.set({ source }, s[source].status === 'ok' ? 1 : 0);
  });

  gauge('bellyfed_consumer_lag_messages', 'Messages not yet consumed: log end offset − committed offset.', ['group', 'topic', 'partition'], (g, s) => {
    if (s.consumers.status !== 'ok') return;
    for (const grp of s.consumers.data) for (const p of grp.partitions) g.set({ group: grp.group, topic: p.topic, partition: String(p.partition) }, p.lagMessages);
  });
  gauge('bellyfed_consumer_lag_seconds', 'Age of the oldest unconsumed message (0 without lag; absent when unknown).', ['group', 'topic', 'partition'], (g, s) => {
    if (s.consumers.status !== 'ok') return;
    for (const grp of s.consumers.data) {
      for (const p of grp.partitions) if (p.lagSeconds !== null) g.set({ group: grp.group, topic: p.topic, partition: String(p.partition) }, p.lagSeconds);
    }
  });
  gauge('bellyfed_consumer_group_members', 'Members of the consumer group (0: nobody consumes).', ['group'], (g, s) => {
    if (s.consumers.status === 'ok') for (const grp of s.consumers.data) g.set({ group: grp.group }, grp.members);
  });

  gauge('bellyfed_replication_slot_active', 'Whether a connector streams from the replication slot (1) or not (0).', ['slot'], (g, s) => {
    if (s.slot.status === 'ok' && s.slot.data.exists) g.set({ slot: s.slot.data.name }, s.slot.data.active ? 1 : 0);
  });
  gauge('bellyfed_replication_slot_retained_wal_bytes', 'pg_current_wal_lsn() − confirmed_flush_lsn of the slot: WAL the connector has not confirmed.', ['slot'], (g, s) => {
    if (s.slot.status === 'ok' && s.slot.data.retainedWalBytes !== null) g.set({ slot: s.slot.data.name }, s.slot.data.retainedWalBytes);
  });
  gauge('bellyfed_replication_slot_restart_wal_bytes', 'pg_current_wal_lsn() − restart_lsn of the slot: WAL PostgreSQL keeps on disk for it.', ['slot'], (g, s) => {
    if (s.slot.status === 'ok' && s.slot.data.restartWalBytes !== null) g.set({ slot: s.slot.data.name }, s.slot.data.restartWalBytes);
  });

  gauge('bellyfed_connector_state', 'Connector state: 1 for the current state, 0 for the others.', ['connector', 'state'], (g, s) => {
    if (s.connectors.status !== 'ok') return;
    for (const c of s.connectors.data) for (const state of CONNECTOR_STATES) g.set({ connector: c.name, state }, c.state === state ? 1 : 0);
  });
  gauge('bellyfed_connector_task_state', 'Connector task state: 1 for the current state, 0 for the others.', ['connector', 'task', 'state'], (g, s) => {
    if (s.connectors.status !== 'ok') return;
    for (const c of s.connectors.data) {
      for (const t of c.tasks) for (const state of CONNECTOR_STATES) g.set({ connector: c.name, task: String(t.id), state }, t.state === state ? 1 : 0);
    }
  });

  gauge('bellyfed_watermark_age_seconds', "Age of the table's stalest sink watermark: how far DynamoDB is behind PostgreSQL (absent while unknown).", ['table'], (g, s) => {
    if (s.watermarks.status !== 'ok') return;
    for (const w of s.watermarks.data) if (w.ageSeconds !== null) g.set({ table: w.table }, w.ageSeconds);
  });
  gauge('bellyfed_dlq_messages', 'Events held in the sink dead-letter topic.', ['topic'], (g, s) => {
    if (s.deadLetters.status === 'ok') g.set({ topic: s.deadLetters.data.topic }, s.deadLetters.data.messages);
  });
  gauge('bellyfed_read_router_fallbacks', "The query service's read_fallbacks_total, as last scraped (resets when it restarts).", [], (g, s) => {
    if (s.router.status === 'ok' && s.router.data.fallbacks !== null) g.set(s.router.data.fallbacks);
  });
  gauge('bellyfed_read_router_shadow_mismatches', "The query service's shadow comparisons that differed, as last scraped.", [], (g, s) => {
    if (s.router.status === 'ok' && s.router.data.shadowMismatches !== null) g.set(s.router.data.shadowMismatches);
  });
  new Counter({
    name: 'bellyfed_connector_auto_restarts_total',
    help: 'Restarts of a failed connector the monitor issued (MONITOR_AUTO_RESTART).',
    labelNames: ['connector'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [connector, restarts] of autoRestarts()) this.inc({ connector }, restarts);
    },
  });
  return registry;
}
