// The live dashboard: polls the monitor's /status and /history and redraws. Plain browser
// JavaScript (no build step); uPlot is the global the vendor script defines. Every text that
// comes from the platform (connector names, traces) goes through textContent, never innerHTML.
/* global uPlot */
'use strict';

const PALETTE = ['#0969da', '#cf222e', '#1a7f37', '#8250df', '#b26a00', '#1b7c83', '#bf3989', '#6e7781', '#953800', '#0550ae'];
const charts = new Map(); // element id → { plot, keys }
let pollMs = 2000;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v;
    else node.setAttribute(k, v);
  }
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return node;
}

function formatBytes(bytes) {
  if (bytes === null || bytes === undefined) return '–';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit += 1; }
  return `${bytes < 0 ? '-' : ''}${unit === 0 ? Math.round(value) : value.toFixed(value >= 100 ? 0 : value >= 10 ? 1 : 2)} ${units[unit]}`;
}

function formatDuration(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  if (seconds === 0) return '0s';
  if (seconds < 1) return `${Math.round(seconds * 1000)}ms`;
  const s = Math.floor(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

const formatCount = (n) => (n === null || n === undefined ? '–' : Math.round(n).toLocaleString('en-US'));

function stateClass(state) {
  if (state === 'RUNNING' || state === 'ok') return 'text-ok';
  if (['FAILED', 'PAUSED', 'STOPPED', 'MISSING', 'critical'].includes(state)) return 'text-critical';
  return 'text-warning';
}

function unavailable(reading) {
  return reading.status === 'unavailable' ? `unavailable: ${reading.error}` : reading.status === 'disabled' ? 'not configured' : null;
}

// --- header, reasons, cards, tables ---

function renderStatus(status) {
  document.body.dataset.state = status.state;
  const badge = document.getElementById('state-badge');
  badge.className = `badge state-${status.state}`;
  badge.textContent = status.state.toUpperCase();
  document.title = `${status.state.toUpperCase()} · Bellyfed pipeline`;
  document.getElementById('sampled-at').textContent = `sampled ${new Date(status.sampledAt).toLocaleTimeString()} · every ${formatDuration(status.intervalMs / 1000)}`;

  const reasons = document.getElementById('reasons');
  reasons.replaceChildren(...status.reasons.map((r) => el('li', { class: r.severity }, `${r.severity.toUpperCase()} · ${r.message}`)));
  document.getElementById('reasons-section').hidden = status.reasons.length === 0;

  renderSlot(status.slot);
  renderDeadLetters(status.deadLetters);
  renderGroups(status.consumers);
  renderRouter(status.router);
  renderConnectors(status.connectors);
  renderPartitions(status.consumers);
}

function renderSlot(reading) {
  const wal = document.getElementById('slot-wal');
  const detail = document.getElementById('slot-detail');
  const problem = unavailable(reading);
  if (problem) { wal.textContent = '?'; detail.textContent = problem; return; }
  const slot = reading.data;
  if (!slot.exists) { wal.textContent = 'missing'; wal.className = 'big text-critical'; detail.textContent = `slot ${slot.name} does not exist`; return; }
  wal.textContent = formatBytes(slot.retainedWalBytes);
  wal.className = 'big';
  detail.replaceChildren(
    el('span', { class: slot.active ? 'text-ok' : 'text-critical' }, slot.active ? 'active' : 'INACTIVE'),
    ` · ${slot.name} · WAL ${slot.walStatus ?? '?'}${slot.inactiveSince ? ` · inactive since ${new Date(slot.inactiveSince).toLocaleTimeString()}` : ''}`,
  );
}

function renderDeadLetters(reading) {
  const count = document.getElementById('dlq-count');
  const detail = document.getElementById('dlq-detail');
  const problem = unavailable(reading);
  if (problem) { count.textContent = '?'; detail.textContent = problem; return; }
  count.textContent = formatCount(reading.data.messages);
  count.className = reading.data.messages > 0 ? 'big text-warning' : 'big';
  detail.textContent = reading.data.exists ? reading.data.topic : `${reading.data.topic} (not created yet)`;
}

function renderGroups(reading) {
  const box = document.getElementById('groups');
  const problem = unavailable(reading);
  if (problem) { box.replaceChildren(el('div', { class: 'text-warning' }, problem)); return; }
  box.replaceChildren(...reading.data.map((g) => {
    const lag = g.partitions.reduce((sum, p) => sum + p.lagMessages, 0);
    return el('div', {},
      el('strong', {}, g.group), ' ',
      el('span', { class: g.members > 0 ? 'text-ok' : 'text-critical' }, `${g.members} member(s), ${g.groupState}`),
      el('div', { class: 'muted' }, `${formatCount(lag)} message(s) behind over ${g.partitions.length} partition(s)`));
  }));
}

function renderRouter(reading) {
  const box = document.getElementById('router');
  const problem = unavailable(reading);
  if (problem) { box.replaceChildren(el('div', { class: 'muted' }, problem)); return; }
  const { fallbacks, shadowMismatches } = reading.data;
  box.replaceChildren(
    el('div', {}, 'fallbacks to PostgreSQL: ', el('strong', {}, fallbacks === null ? 'n/a' : formatCount(fallbacks))),
    el('div', {}, 'shadow mismatches: ', el('strong', {}, shadowMismatches === null ? 'n/a' : formatCount(shadowMismatches))),
  );
}

function renderConnectors(reading) {
  const body = document.querySelector('#connectors tbody');
  const problem = unavailable(reading);
  if (problem) { body.replaceChildren(el('tr', {}, el('td', { colspan: '4', class: 'text-warning' }, `Kafka Connect ${problem}`))); return; }
  body.replaceChildren(...reading.data.map((c) => {
    const tasks = el('td', {});
    if (c.tasks.length === 0) tasks.append(el('span', { class: 'muted' }, 'no tasks'));
    for (const t of c.tasks) {
      tasks.append(el('div', {}, `task ${t.id}: `, el('span', { class: stateClass(t.state) }, t.state)));
      if (t.trace) tasks.append(el('pre', { class: 'trace' }, t.trace));
    }
    const state = el('td', {}, el('span', { class: stateClass(c.state), 'data-connector-state': c.state }, c.state));
    if (c.trace) state.append(el('pre', { class: 'trace' }, c.trace));
    return el('tr', {}, el('td', {}, c.name), state, tasks, el('td', { class: 'muted' }, c.workerId ?? '–'));
  }));
}

function renderPartitions(reading) {
  const body = document.querySelector('#partitions tbody');
  const problem = unavailable(reading);
  if (problem) { body.replaceChildren(el('tr', {}, el('td', { colspan: '7', class: 'text-warning' }, problem))); return; }
  const rows = reading.data.flatMap((g) => g.partitions.map((p) => el('tr', {},
    el('td', {}, g.group), el('td', {}, p.topic), el('td', { class: 'num' }, p.partition),
    el('td', { class: 'num' }, formatCount(p.endOffset)),
    el('td', { class: 'num' }, p.committedOffset === null ? 'none' : formatCount(p.committedOffset)),
    el('td', { class: 'num' }, formatCount(p.lagMessages)),
    el('td', { class: 'num' }, formatDuration(p.lagSeconds)))));
  body.replaceChildren(...(rows.length > 0 ? rows : [el('tr', {}, el('td', { colspan: '7', class: 'muted' }, 'no partitions to watch yet'))]));
}

// --- charts ---

const AXIS_FORMAT = {
  messages: (v) => formatCount(v),
  seconds: (v) => formatDuration(v),
  bytes: (v) => formatBytes(v),
};

/** [x, ...one array per key], aligned on the sample times; null where a sample had no value. */
function alignedData(points, pick) {
  const keys = [...new Set(points.flatMap((p) => Object.keys(pick(p))))].sort();
  const xs = points.map((p) => p.t / 1000);
  const ys = keys.map((k) => points.map((p) => { const v = pick(p)[k]; return v === undefined ? null : v; }));
  return { keys, data: [xs, ...ys] };
}

/** Legend labels without the parts every series shares: "group / topic / 0" → "partition 0" for one group and topic. */
function shortLabels(keys) {
  const parts = keys.map((k) => k.split(' / '));
  if (keys.length < 2 || parts[0].length !== 3 || parts.some((p) => p.length !== 3)) return keys;
  const varying = [0, 1, 2].map((i) => parts.some((p) => p[i] !== parts[0][i]));
  if (!varying[0] && !varying[1]) return parts.map((p) => `partition ${p[2]}`);
  return parts.map((p) => p.filter((_, i) => varying[i] || i === 2).join(' / '));
}

function drawChart(id, points, pick) {
  const figure = document.getElementById(id);
  const { keys, data } = alignedData(points, pick);
  const nonNull = data.slice(1).reduce((n, ys) => n + ys.filter((v) => v !== null).length, 0);
  figure.dataset.series = String(keys.length);
  figure.dataset.points = String(nonNull);
  const existing = charts.get(id);
  if (keys.length === 0) {
    existing?.plot.destroy();
    charts.delete(id);
    if (!figure.querySelector('.empty')) figure.append(el('div', { class: 'empty' }, 'no data yet'));
    return;
  }
  figure.querySelector('.empty')?.remove();
  if (existing && existing.keys.join('\n') === keys.join('\n')) {
    existing.plot.setData(data);
    return;
  }
  existing?.plot.destroy();
  const format = AXIS_FORMAT[figure.dataset.unit];
  const plot = new uPlot({
    width: Math.max(300, figure.clientWidth - 20),
    height: 220,
    scales: { x: { time: true }, y: { range: (_u, min, max) => [0, Math.max(max * 1.1, 1)] } },
    axes: [{}, { size: 70, values: (_u, ticks) => ticks.map(format) }],
    series: [{}, ...shortLabels(keys).map((label, i) => ({ label, stroke: PALETTE[i % PALETTE.length], width: 2, spanGaps: false, value: (_u, v) => (v === null ? '–' : format(v)) }))],
    legend: { live: false },
  }, data, figure);
  charts.set(id, { plot, keys });
}

function renderHistory(history) {
  const points = history.points;
  drawChart('chart-lag-messages', points, (p) => p.lagMessages);
  drawChart('chart-lag-seconds', points, (p) => p.lagSeconds);
  drawChart('chart-watermark', points, (p) => p.watermarkAgeSeconds);
  drawChart('chart-wal', points, (p) => (p.retainedWalBytes === null ? {} : { 'retained WAL': p.retainedWalBytes }));
}

// --- polling ---

async function getJson(path) {
  const response = await fetch(path, { cache: 'no-store' });
  if (!response.ok && response.status !== 503) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

async function poll() {
  const connection = document.getElementById('connection');
  try {
    const [status, history] = await Promise.all([getJson('/status'), getJson('/history')]);
    if (status.state !== 'unknown') renderStatus(status);
    renderHistory(history);
    pollMs = Math.min(5000, Math.max(1000, history.intervalMs));
    connection.textContent = '';
  } catch (err) {
    // The monitor itself is unreachable: say so rather than showing the last state as current.
    document.body.dataset.state = 'unknown';
    const badge = document.getElementById('state-badge');
    badge.className = 'badge state-unknown';
    badge.textContent = 'MONITOR UNREACHABLE';
    connection.textContent = String(err);
  }
  setTimeout(poll, pollMs);
}

window.addEventListener('resize', () => {
  for (const [id, { plot }] of charts) plot.setSize({ width: Math.max(300, document.getElementById(id).clientWidth - 20), height: 220 });
});
poll();
