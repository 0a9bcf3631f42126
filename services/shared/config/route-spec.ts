/**
 * The routing vocabulary and the READ_ROUTES grammar. Pure and dependency-free, because the
 * configuration module validates READ_ROUTES with it at start (a typo must stop the process,
 * not silently leave an endpoint on PostgreSQL).
 *
 *   READ_ROUTES = route ("," route)*      route = endpoint "=" mode
 *   endpoint    = restaurants.list | restaurants.get | restaurants.menu | restaurants.reviews
 *   mode        = postgres | dynamodb | shadow
 */

export const ENDPOINTS = ['restaurants.list', 'restaurants.get', 'restaurants.menu', 'restaurants.reviews'] as const;
export type Endpoint = (typeof ENDPOINTS)[number];

export const ROUTE_MODES = ['postgres', 'dynamodb', 'shadow'] as const;
export type RouteMode = (typeof ROUTE_MODES)[number];

export type RouteOverrides = Partial<Record<Endpoint, RouteMode>>;
export type RouteTable = Record<Endpoint, RouteMode>;

/**
 * What PHASE2=on moves to DynamoDB. Today every read endpoint is hot (they are the whole read
 * API); a new, rarely used endpoint would stay off this list and on PostgreSQL.
 */
export const HOT_ENDPOINTS: readonly Endpoint[] = ENDPOINTS;

export function isEndpoint(value: string): value is Endpoint {
  return (ENDPOINTS as readonly string[]).includes(value);
}

export function isRouteMode(value: string): value is RouteMode {
  return (ROUTE_MODES as readonly string[]).includes(value);
}

export type RouteSpecResult = { ok: true; routes: RouteOverrides } | { ok: false; problems: string[] };

export function parseRouteSpec(text: string): RouteSpecResult {
  const routes: RouteOverrides = {};
  const problems: string[] = [];
  for (const part of text.split(',').map((p) => p.trim()).filter((p) => p.length > 0)) {
    const match = /^([^=\s]+)\s*=\s*([^=\s]+)$/.exec(part);
    if (!match) {
      problems.push(`'${part.slice(0, 80)}' is not endpoint=mode`);
      continue;
    }
    const [, endpoint = '', mode = ''] = match;
    if (!isEndpoint(endpoint)) problems.push(`unknown endpoint '${endpoint.slice(0, 80)}'; use one of ${ENDPOINTS.join(', ')}`);
    else if (!isRouteMode(mode)) problems.push(`${endpoint}: unknown mode '${mode.slice(0, 80)}'; use one of ${ROUTE_MODES.join(', ')}`);
    else if (routes[endpoint] !== undefined) problems.push(`${endpoint} is given twice`);
    else routes[endpoint] = mode;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, routes };
}

/** The starting table: PHASE2 sends the hot endpoints to DynamoDB; explicit routes win. */
export function resolveRoutes(phase2: boolean, overrides: RouteOverrides): RouteTable {
  const table = {} as RouteTable;
  for (const endpoint of ENDPOINTS) {
    table[endpoint] = overrides[endpoint] ?? (phase2 && HOT_ENDPOINTS.includes(endpoint) ? 'dynamodb' : 'postgres');
  }
  return table;
}

export function formatRouteTable(table: RouteTable): string {
  return ENDPOINTS.map((e) => `${e}=${table[e]}`).join(',');
}
