/**
 * The query service's own account of where a request's time went, from its /metrics: time in the
 * service per read request, and of it the time spent waiting for DynamoDB reads. Their difference
 * is the route's own overhead, whatever the store behind it costs.
 */

export interface ServiceTimes {
  /** Read API responses (routes under /restaurants) and their summed duration in the service. */
  requests: number;
  requestSeconds: number;
  /** DynamoDB reads (routed and shadow, any outcome) and their summed duration. */
  dynamodbReads: number;
  dynamodbSeconds: number;
}

const SAMPLE = /^(\w+)\{([^}]*)\} (\S+)$/;

/** Sums the read API's request durations and the DynamoDB read durations in Prometheus text. */
export function readServiceTimes(text: string): ServiceTimes {
  const times: ServiceTimes = { requests: 0, requestSeconds: 0, dynamodbReads: 0, dynamodbSeconds: 0 };
  for (const line of text.split('\n')) {
    const match = SAMPLE.exec(line);
    if (!match) continue;
    const [, name, labels = '', raw] = match;
    const value = Number(raw);
    if (!Number.isFinite(value)) continue;
    const readApi = labels.includes('route="/restaurants');
    if (name === 'http_request_duration_seconds_count' && readApi) times.requests += value;
    else if (name === 'http_request_duration_seconds_sum' && readApi) times.requestSeconds += value;
    else if (name === 'read_dynamodb_duration_seconds_count') times.dynamodbReads += value;
    else if (name === 'read_dynamodb_duration_seconds_sum') times.dynamodbSeconds += value;
  }
  return times;
}

export interface RouteOverhead {
  /** Mean time a read request spent in the service, in ms. */
  inServiceMs: number;
  /** Of it, mean time waiting for DynamoDB per request, in ms. */
  dynamodbMs: number;
  /** The difference: the route's own time per request. */
  ownMs: number;
}

/** Per-request means over the interval between two readings; undefined when no request was answered in it. */
export function routeOverhead(before: ServiceTimes, after: ServiceTimes): RouteOverhead | undefined {
  const requests = after.requests - before.requests;
  if (requests <= 0) return undefined;
  const inServiceMs = ((after.requestSeconds - before.requestSeconds) * 1000) / requests;
  const dynamodbMs = ((after.dynamodbSeconds - before.dynamodbSeconds) * 1000) / requests;
  return { inServiceMs, dynamodbMs, ownMs: inServiceMs - dynamodbMs };
}
