/** What the read-router tells a route about how a read was served. */
import type { DataSource } from '../types.js';

export const FALLBACK_REASONS = ['stale', 'error', 'timeout', 'circuit-open'] as const;
export type FallbackReason = (typeof FALLBACK_REASONS)[number];

export type ShadowOutcome = 'match' | 'mismatch' | 'error' | 'skipped_busy' | 'skipped_stale' | 'skipped_circuit_open';

export interface Served<T> {
  value: T;
  source: DataSource;
  /** Set when the route is dynamodb but PostgreSQL answered. */
  fallbackReason: FallbackReason | undefined;
  /** Work to start once the response has been sent (the shadow comparison). */
  afterResponse: (() => void) | undefined;
}
