/** Prometheus metrics of the query service, on its own registry (no global state between instances). */
import type pg from 'pg';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { BufferStats } from '../analytics/buffer.js';

export interface QueryMetrics {
  registry: Registry;
  requestDuration: Histogram<'method' | 'route' | 'status'>;
}

export function createQueryMetrics(pools: Record<string, pg.Pool>, analyticsStats: () => BufferStats): QueryMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route template and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  new Gauge({
    name: 'db_pool_connections',
    help: 'PostgreSQL pool connections by pool and state (total, idle, waiting clients).',
    labelNames: ['pool', 'state'] as const,
    registers: [registry],
    collect() {
      for (const [name, pool] of Object.entries(pools)) {
        this.set({ pool: name, state: 'total' }, pool.totalCount);
        this.set({ pool: name, state: 'idle' }, pool.idleCount);
        this.set({ pool: name, state: 'waiting' }, pool.waitingCount);
      }
    },
  });
  // Counters read at scrape time from the buffer's own tallies (the buffer knows nothing of Prometheus).
  new Counter({
    name: 'analytics_events_total',
    help: 'Analytics events by outcome: sent, dropped (buffer full, never sent), failed (send attempts that failed; retried).',
    labelNames: ['outcome'] as const,
    registers: [registry],
    collect() {
      const stats = analyticsStats();
      this.reset();
      this.inc({ outcome: 'sent' }, stats.sent);
      this.inc({ outcome: 'dropped' }, stats.dropped);
      this.inc({ outcome: 'failed' }, stats.failed);
    },
  });
  new Gauge({
    name: 'analytics_buffered_events',
    help: 'Analytics events waiting in memory.',
    registers: [registry],
    collect() {
      this.set(analyticsStats().buffered);
    },
  });
  return { registry, requestDuration };
}
