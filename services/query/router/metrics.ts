/** The read-router's metrics, on the query service's registry. */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { CircuitState } from './circuit-breaker.js';
import type { FallbackReason, ShadowOutcome } from './types.js';
import type { Endpoint } from '../../shared/config/route-spec.js';
import type { DataSource } from '../types.js';

export interface RouterMetrics {
  served(endpoint: Endpoint, source: DataSource): void;
  fellBack(endpoint: Endpoint, reason: FallbackReason): void;
  shadow(endpoint: Endpoint, outcome: ShadowOutcome): void;
  dynamodbRead(endpoint: Endpoint, seconds: number, ok: boolean): void;
}

const CIRCUIT_STATES: readonly CircuitState[] = ['closed', 'half-open', 'open'];

export function createRouterMetrics(registry: Registry, circuitState: () => CircuitState): RouterMetrics {
  const requests = new Counter({
    name: 'read_requests_total',
    help: 'Read API responses by endpoint and the store that served them.',
    labelNames: ['endpoint', 'source'] as const,
    registers: [registry],
  });
  const fallbacks = new Counter({
    name: 'read_fallbacks_total',
    help: 'DynamoDB-routed reads served by PostgreSQL instead, by reason: stale, error, timeout, circuit-open.',
    labelNames: ['endpoint', 'reason'] as const,
    registers: [registry],
  });
  const shadows = new Counter({
    name: 'read_shadow_comparisons_total',
    help: 'Shadow reads of DynamoDB by outcome: match, mismatch, error, or skipped (busy, stale, circuit-open).',
    labelNames: ['endpoint', 'outcome'] as const,
    registers: [registry],
  });
  const dynamodbDuration = new Histogram({
    name: 'read_dynamodb_duration_seconds',
    help: 'Duration of DynamoDB reads of the read API (routed and shadow), by outcome.',
    labelNames: ['endpoint', 'outcome'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1],
    registers: [registry],
  });
  new Gauge({
    name: 'read_dynamodb_circuit_state',
    help: 'The DynamoDB circuit breaker: 1 for the current state (closed, half-open, open), 0 for the others.',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const current = circuitState();
      for (const state of CIRCUIT_STATES) this.set({ state }, state === current ? 1 : 0);
    },
  });
  return {
    served: (endpoint, source) => requests.inc({ endpoint, source }),
    fellBack: (endpoint, reason) => fallbacks.inc({ endpoint, reason }),
    shadow: (endpoint, outcome) => shadows.inc({ endpoint, outcome }),
    dynamodbRead: (endpoint, seconds, ok) => dynamodbDuration.observe({ endpoint, outcome: ok ? 'ok' : 'failed' }, seconds),
  };
}
