/**
 * A circuit breaker around DynamoDB reads. Closed: every request may try DynamoDB; after
 * `failureThreshold` consecutive failures it opens and nobody tries for `openMs` (a failing
 * DynamoDB then costs nothing, not a timeout per request). Then it is half-open: exactly one
 * request probes; success closes it, failure opens it again for another `openMs`.
 * The clock is injected so the state machine is tested without waiting.
 */

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  failureThreshold: number;
  openMs: number;
  now?: () => number;
  onStateChange?: (state: CircuitState, previous: CircuitState) => void;
}

/** Permission to try DynamoDB once; report how it went exactly once. */
export interface CircuitPermit {
  success(): void;
  failure(): void;
}

export class CircuitBreaker {
  private current: CircuitState = 'closed';
  private consecutiveFailures = 0;
  private openedAt = 0;
  private probeInFlight = false;
  private readonly now: () => number;

  constructor(private readonly options: CircuitBreakerOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The state as of now (an open circuit whose time is up reads as half-open). */
  get state(): CircuitState {
    if (this.current === 'open' && this.now() - this.openedAt >= this.options.openMs) return 'half-open';
    return this.current;
  }

  /** A permit to try DynamoDB, or undefined when the circuit refuses (open, or a probe is already out). */
  tryAcquire(): CircuitPermit | undefined {
    const state = this.state;
    if (state === 'open') return undefined;
    if (state === 'half-open') {
      if (this.probeInFlight) return undefined;
      this.transition('half-open');
      this.probeInFlight = true;
      return this.permit(true);
    }
    return this.permit(false);
  }

  private permit(isProbe: boolean): CircuitPermit {
    let settled = false;
    const settle = (ok: boolean) => {
      if (settled) return;
      settled = true;
      if (isProbe) this.probeInFlight = false;
      if (ok) this.onSuccess();
      else this.onFailure(isProbe);
    };
    return { success: () => settle(true), failure: () => settle(false) };
  }

  private onSuccess(): void {
    this.consecutiveFailures = 0;
    if (this.current !== 'closed') this.transition('closed');
  }

  private onFailure(isProbe: boolean): void {
    this.consecutiveFailures++;
    // A late failure of a request let in before the circuit opened does not restart the clock.
    if (isProbe || (this.current === 'closed' && this.consecutiveFailures >= this.options.failureThreshold)) {
      this.openedAt = this.now();
      this.transition('open');
    }
  }

  private transition(next: CircuitState): void {
    const previous = this.current;
    this.current = next;
    if (previous !== next) this.options.onStateChange?.(next, previous);
  }
}
