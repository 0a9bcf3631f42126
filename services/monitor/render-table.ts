/**
 * The terminal picture of `bellyfed lag`: the verdict and its reasons, the lag table, freshness,
 * slot, connectors, dead letters and router. Pure (status in, text out) so it is unit-tested.
 */
import { connectorStateLevel } from './evaluate.js';
import { formatBytes, formatCount, formatDuration } from './format.js';
import type { PipelineState, PipelineStatus, Reading } from './types.js';

export interface RenderOptions {
  /** ANSI colours (a terminal that wants them; not NO_COLOR, not a pipe). */
  readonly color: boolean;
}

const COLORS: Record<PipelineState | 'dim' | 'bold', string> = { ok: '32', warning: '33', critical: '31', dim: '2', bold: '1' };

export function renderLagReport(status: PipelineStatus, options: RenderOptions): string {
  const paint = (code: keyof typeof COLORS, text: string) => (options.color ? `\u001b[${COLORS[code]}m${text}\u001b[0m` : text);
  const stateWord = (s: PipelineState) => paint(s, s.toUpperCase());
  const out: string[] = [];

  out.push(`${paint('bold', 'pipeline')} ${stateWord(status.state)}  ${paint('dim', `sampled ${status.sampledAt}`)}`);
  for (const r of status.reasons) out.push(`  ${paint(r.severity, r.severity === 'critical' ? 'CRIT' : 'WARN')} ${r.message}`);
  out.push('');

  out.push(paint('bold', 'consumer lag'));
  const consumers = status.consumers;
  if (consumers.status === 'ok') {
    const rows = consumers.data.flatMap((g) =>
      g.partitions.map((p) => [
        g.group,
        p.topic,
        String(p.partition),
        formatCount(p.endOffset),
        p.committedOffset === null ? 'none' : formatCount(p.committedOffset),
        formatCount(p.lagMessages),
        p.lagSeconds === null ? 'unknown' : formatDuration(p.lagSeconds),
      ]),
    );
    if (rows.length === 0) out.push('  no partitions to watch (no matching topic, no committed offsets)');
    else out.push(...table(['GROUP', 'TOPIC', 'PARTITION', 'END', 'COMMITTED', 'LAG', 'TIME LAG'], rows, [2, 3, 4, 5, 6]));
    for (const g of consumers.data) out.push(`  group ${g.group}: ${g.groupState}, ${g.members} member(s)`);
  } else out.push(`  ${problem(consumers)}`);
  out.push('');

  out.push(paint('bold', 'freshness (sink watermarks)'));
  const watermarks = status.watermarks;
  if (watermarks.status === 'ok') {
    out.push(...table(['TABLE', 'AGE', 'PARTITIONS WITH A WATERMARK'], watermarks.data.map((w) => [
      w.table,
      w.ageSeconds === null ? 'unknown' : formatDuration(w.ageSeconds),
      `${w.partitions.filter((p) => p.sourceTsMs !== null).length}/${w.partitions.length}`,
    ]), []));
  } else out.push(`  ${problem(watermarks)}`);
  out.push('');

  const slot = status.slot;
  if (slot.status === 'ok') {
    const s = slot.data;
    const activity = !s.exists ? paint('critical', 'MISSING') : s.active ? paint('ok', 'active') : paint('critical', 'INACTIVE');
    const wal = s.retainedWalBytes === null ? '' : `, retains ${formatBytes(s.retainedWalBytes)} of WAL (restart point ${formatBytes(s.restartWalBytes ?? 0)} back, wal_status ${s.walStatus ?? '?'})`;
    out.push(`${paint('bold', 'replication slot')} ${s.name}: ${activity}${wal}`);
  } else out.push(`${paint('bold', 'replication slot')}: ${problem(slot)}`);

  const connectors = status.connectors;
  out.push(paint('bold', 'connectors'));
  if (connectors.status === 'ok') {
    for (const c of connectors.data) {
      const tasks = c.tasks.map((t) => `task ${t.id} ${paint(connectorStateLevel(t.state), t.state)}`).join(', ');
      out.push(`  ${c.name}: ${paint(connectorStateLevel(c.state), c.state)}${tasks ? `  (${tasks})` : ''}`);
      const traces = [c.trace, ...c.tasks.map((t) => t.trace)].filter((t): t is string => t !== null);
      for (const trace of traces) out.push(...trace.split('\n').map((l) => `      ${paint('dim', l)}`));
    }
  } else out.push(`  ${problem(connectors)}`);

  const dlq = status.deadLetters;
  out.push(`${paint('bold', 'dead letters')}: ${dlq.status === 'ok' ? `${formatCount(dlq.data.messages)} in ${dlq.data.topic}${dlq.data.exists ? '' : ' (not created yet)'}` : problem(dlq)}`);
  const router = status.router;
  const n = (v: number | null) => (v === null ? 'n/a' : formatCount(v));
  out.push(`${paint('bold', 'read-router')}: ${router.status === 'ok' ? `${n(router.data.fallbacks)} fallback(s), ${n(router.data.shadowMismatches)} shadow mismatch(es)` : problem(router)}`);
  return `${out.join('\n')}\n`;
}

function problem(reading: Reading<unknown>): string {
  return reading.status === 'unavailable' ? `unavailable: ${reading.error}` : reading.status === 'disabled' ? 'not configured (set QUERY_URL)' : '';
}

/** Columns padded to their widest cell; the listed columns are right-aligned (numbers). */
export function table(headers: readonly string[], rows: readonly (readonly string[])[], rightAligned: readonly number[]): string[] {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    `  ${cells.map((c, i) => (rightAligned.includes(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ')}`.trimEnd();
  return [line(headers), ...rows.map(line)];
}
