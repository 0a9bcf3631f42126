/**
 * Query services for router tests, each pinned to one store (or shadow) for every endpoint.
 * DynamoDB credentials come from the environment (`local env` exports dynalite's dummies).
 */
import type { RunningQueryService } from '../../../../services/query/index.js';
import { ENDPOINTS, type RouteMode } from '../../../../services/shared/config/route-spec.js';
import { startTestQueryService } from '../../../helpers/query-service.js';

export function allRoutes(mode: RouteMode): string {
  return ENDPOINTS.map((e) => `${e}=${mode}`).join(',');
}

export async function startRoutedService(options: {
  databaseUrl: string;
  endpoint: string;
  table: string;
  mode: RouteMode;
  env?: Record<string, string>;
}): Promise<RunningQueryService> {
  return startTestQueryService({
    DATABASE_URL: options.databaseUrl,
    DYNAMODB_ENDPOINT: options.endpoint,
    DYNAMODB_TABLE: options.table,
    READ_ROUTES: allRoutes(options.mode),
    ...options.env,
  });
}

/** Reads one counter or gauge sample from the service's /metrics. */
export async function metricValue(baseUrl: string, name: string, labels: Record<string, string>): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const labelText = line.slice(name.length + 1, line.indexOf('}'));
    if (wanted.every((w) => labelText.split(',').includes(w))) total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}
