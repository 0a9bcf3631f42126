/** One load on one server (autocannon), with the CPU the server spent answering it. */
import autocannon from 'autocannon';
import { cpuSecondsOf } from '../proc.js';

export interface LoadOptions {
  connections: number;
  durationSeconds: number;
  /** Requests per second over all connections; unset: as fast as the server answers (closed loop). */
  overallRate?: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  /** Responses received. */
  requests: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  /** CPU time (user + system, all threads) of the server process per response, in ms; undefined when /proc cannot tell. */
  cpuMsPerRequest: number | undefined;
}

/** Loads `url` with the paths `pathAt(0)`, `pathAt(1)`, …; `pid` is the server's, for its CPU time. */
export async function load(url: string, pathAt: (i: number) => string, options: LoadOptions, pid?: number): Promise<LoadResult> {
  let i = 0;
  const cpuBefore = pid === undefined ? undefined : cpuSecondsOf(pid);
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.durationSeconds,
    ...(options.overallRate !== undefined ? { overallRate: options.overallRate } : {}),
    requests: [{ setupRequest: (req) => ({ ...req, path: pathAt(i++) }) }],
  });
  const cpuAfter = pid === undefined ? undefined : cpuSecondsOf(pid);
  const requests = result.requests.total;
  return {
    requestsPerSecond: result.requests.average,
    requests,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    cpuMsPerRequest: cpuBefore !== undefined && cpuAfter !== undefined && requests > 0 ? ((cpuAfter - cpuBefore) * 1000) / requests : undefined,
  };
}
