/**
 * The verdict on one sample: ok, warning or critical, and why. Pure, so every threshold rule is
 * unit-tested. The rules, in short (docs/RUNBOOK.md says what to do about each):
 *
 * - a source the monitor cannot read is a warning (the pipeline may be fine; the monitor is
 *   blind there). Its consequences escalate through the signals that can be read: Connect down
 *   → slot inactive → critical; sink down → lag and watermark age grow → critical;
 * - lag (messages, seconds), watermark age and retained WAL: warning/critical above thresholds;
 * - a connector or task FAILED, PAUSED, STOPPED or MISSING is critical at once; UNASSIGNED or
 *   RESTARTING is a warning (it happens during rebalances);
 * - a slot that is missing or lost is critical; an inactive slot is a warning that turns
 *   critical once it has stayed inactive for the configured time;
 * - a consumer group without members (nobody consumes) is a warning;
 * - dead letters above the threshold, and router fallbacks or shadow mismatches since the
 *   previous sample, are warnings.
 */
import type { MonitorThresholds } from '../shared/config.js';
import { formatBytes, formatCount, formatDuration } from './format.js';
import type { ConnectorHealth, Evaluation, GroupLag, PipelineSample, PipelineState, Reason, SlotStatus, SourceName, TableWatermark } from './types.js';

const SEVERITY_RANK: Record<PipelineState, number> = { ok: 0, warning: 1, critical: 2 };

export function worstState(states: Iterable<PipelineState>): PipelineState {
  let worst: PipelineState = 'ok';
  for (const s of states) if (SEVERITY_RANK[s] > SEVERITY_RANK[worst]) worst = s;
  return worst;
}

/** Numeric state for the bellyfed_pipeline_state gauge and the exit status of `bellyfed lag`. */
export function stateCode(state: PipelineState): 0 | 1 | 2 {
  return SEVERITY_RANK[state] as 0 | 1 | 2;
}

/** warning above `warning`, critical above `critical`, ok otherwise. */
export function levelOf(value: number, warning: number, critical: number): PipelineState {
  if (value > critical) return 'critical';
  if (value > warning) return 'warning';
  return 'ok';
}

export function evaluate(sample: PipelineSample, thresholds: MonitorThresholds, previous?: PipelineSample): Evaluation {
  const nowMs = Date.parse(sample.sampledAt);
  const reasons: Reason[] = [];
  const add = (source: SourceName, severity: PipelineState, message: string) => {
    if (severity !== 'ok') reasons.push({ source, severity, message });
  };
  for (const source of ['consumers', 'slot', 'connectors', 'watermarks', 'deadLetters', 'router'] as const) {
    const reading = sample[source];
    if (reading.status === 'unavailable') add(source, 'warning', `cannot read ${SOURCE_LABELS[source]}: ${reading.error}`);
  }
  if (sample.consumers.status === 'ok') consumerReasons(sample.consumers.data, thresholds, add);
  if (sample.slot.status === 'ok') slotReasons(sample.slot.data, thresholds, nowMs, add);
  if (sample.connectors.status === 'ok') connectorReasons(sample.connectors.data, add);
  if (sample.watermarks.status === 'ok') watermarkReasons(sample.watermarks.data, thresholds, add);
  if (sample.deadLetters.status === 'ok' && sample.deadLetters.data.messages > thresholds.dlqWarningMessages) {
    const { topic, messages } = sample.deadLetters.data;
    add('deadLetters', 'warning', `${formatCount(messages)} event(s) in the dead-letter topic ${topic} (warning above ${formatCount(thresholds.dlqWarningMessages)})`);
  }
  if (sample.router.status === 'ok' && previous?.router.status === 'ok') {
    const grew = (now: number | null, before: number | null) => (now !== null && before !== null && now > before ? now - before : 0);
    const fallbacks = grew(sample.router.data.fallbacks, previous.router.data.fallbacks);
    const mismatches = grew(sample.router.data.shadowMismatches, previous.router.data.shadowMismatches);
    if (fallbacks > 0) add('router', 'warning', `the read-router fell back to PostgreSQL ${formatCount(fallbacks)} time(s) since the previous sample`);
    if (mismatches > 0) add('router', 'warning', `${formatCount(mismatches)} shadow read(s) of DynamoDB differed from PostgreSQL since the previous sample`);
  }
  reasons.sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
  return { state: worstState(reasons.map((r) => r.severity)), reasons };
}

const SOURCE_LABELS: Record<SourceName, string> = {
  consumers: 'consumer lag from Kafka',
  slot: 'the replication slot from PostgreSQL',
  connectors: 'connector states from Kafka Connect',
  watermarks: 'sink watermarks from DynamoDB',
  deadLetters: 'the dead-letter topic from Kafka',
  router: "the query service's metrics",
};

type Add = (source: SourceName, severity: PipelineState, message: string) => void;

function consumerReasons(groups: readonly GroupLag[], t: MonitorThresholds, add: Add): void {
  for (const g of groups) {
    if (g.members === 0) add('consumers', 'warning', `consumer group ${g.group} has no active member (${g.groupState}): nothing consumes its topics`);
    // One reason per topic and measure, naming the worst partition: 32 partitions must not mean 32 lines.
    for (const topic of new Set(g.partitions.map((p) => p.topic))) {
      const partitions = g.partitions.filter((p) => p.topic === topic);
      const byCount = partitions.reduce((a, b) => (b.lagMessages > a.lagMessages ? b : a));
      const countLevel = levelOf(byCount.lagMessages, t.lagWarningMessages, t.lagCriticalMessages);
      add('consumers', countLevel, `${g.group} lags ${formatCount(byCount.lagMessages)} message(s) on ${topic} partition ${byCount.partition} (${countLevel} above ${formatCount(countLevel === 'critical' ? t.lagCriticalMessages : t.lagWarningMessages)})`);
      const timed = partitions.filter((p) => p.lagSeconds !== null);
      if (timed.length === 0) continue;
      const byAge = timed.reduce((a, b) => (b.lagSeconds! > a.lagSeconds! ? b : a));
      const ageLevel = levelOf(byAge.lagSeconds!, t.lagWarningSeconds, t.lagCriticalSeconds);
      add('consumers', ageLevel, `${g.group}'s oldest unconsumed event on ${topic} partition ${byAge.partition} is ${formatDuration(byAge.lagSeconds!)} old (${ageLevel} above ${formatDuration(ageLevel === 'critical' ? t.lagCriticalSeconds : t.lagWarningSeconds)})`);
    }
  }
}

function slotReasons(slot: SlotStatus, t: MonitorThresholds, nowMs: number, add: Add): void {
  if (!slot.exists) {
    add('slot', 'critical', `replication slot ${slot.name} does not exist: the connector cannot stream changes (was it dropped, or never created?)`);
    return;
  }
  if (slot.walStatus === 'lost') add('slot', 'critical', `replication slot ${slot.name} is lost: PostgreSQL removed WAL it needed; the connector must be re-snapshotted`);
  if (!slot.active) {
    const inactiveSeconds = slot.inactiveSince === null ? 0 : Math.max(0, (nowMs - Date.parse(slot.inactiveSince)) / 1000);
    const severity = inactiveSeconds >= t.slotInactiveCriticalSeconds ? 'critical' : 'warning';
    add('slot', severity, `replication slot ${slot.name} is inactive (no connector streaming from it) for ${formatDuration(inactiveSeconds)} (critical from ${formatDuration(t.slotInactiveCriticalSeconds)})`);
  }
  if (slot.retainedWalBytes !== null) {
    const level = levelOf(slot.retainedWalBytes, t.walWarningBytes, t.walCriticalBytes);
    add('slot', level, `replication slot ${slot.name} retains ${formatBytes(slot.retainedWalBytes)} of WAL (${level} above ${formatBytes(level === 'critical' ? t.walCriticalBytes : t.walWarningBytes)})`);
  }
}

const CRITICAL_STATES = new Set(['FAILED', 'PAUSED', 'STOPPED', 'MISSING']);

export function connectorStateLevel(state: string): PipelineState {
  if (state === 'RUNNING') return 'ok';
  return CRITICAL_STATES.has(state) ? 'critical' : 'warning';
}

function connectorReasons(connectors: readonly ConnectorHealth[], add: Add): void {
  for (const c of connectors) {
    const level = connectorStateLevel(c.state);
    if (level !== 'ok') {
      const why = c.state === 'MISSING' ? 'Kafka Connect has no such connector' : c.trace?.split('\n')[0] ?? 'no change is captured while it is not RUNNING';
      add('connectors', level, `connector ${c.name} is ${c.state}: ${why}`);
      continue; // its tasks follow the connector's state; one line says it
    }
    if (c.tasks.length === 0) add('connectors', 'warning', `connector ${c.name} is RUNNING without tasks (starting, or misconfigured)`);
    for (const task of c.tasks) {
      const taskLevel = connectorStateLevel(task.state);
      add('connectors', taskLevel, `connector ${c.name} task ${task.id} is ${task.state}${task.trace ? `: ${task.trace.split('\n')[0]}` : ''}`);
    }
  }
}

function watermarkReasons(tables: readonly TableWatermark[], t: MonitorThresholds, add: Add): void {
  for (const table of tables) {
    if (table.ageSeconds === null) continue; // unknown: the sink has not written one yet
    const level = levelOf(table.ageSeconds, t.watermarkWarningSeconds, t.watermarkCriticalSeconds);
    add('watermarks', level, `DynamoDB's copy of ${table.table} is ${formatDuration(table.ageSeconds)} behind PostgreSQL (${level} above ${formatDuration(level === 'critical' ? t.watermarkCriticalSeconds : t.watermarkWarningSeconds)})`);
  }
}
