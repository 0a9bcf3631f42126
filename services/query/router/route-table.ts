/** The routes in force: set from the configuration at start, changed at run time by the admin endpoint (per process). */
import { ENDPOINTS, formatRouteTable, type Endpoint, type RouteMode, type RouteOverrides, type RouteTable } from '../../shared/config/route-spec.js';

export class RouteTableStore {
  private table: RouteTable;

  constructor(initial: RouteTable, private readonly onChange?: (table: RouteTable, previous: RouteTable) => void) {
    this.table = { ...initial };
  }

  modeOf(endpoint: Endpoint): RouteMode {
    return this.table[endpoint];
  }

  snapshot(): RouteTable {
    return { ...this.table };
  }

  /** Applies the given routes (the others stay as they are) and returns the new table. */
  update(changes: RouteOverrides): RouteTable {
    const previous = this.table;
    const next = { ...previous };
    for (const endpoint of ENDPOINTS) {
      const mode = changes[endpoint];
      if (mode !== undefined) next[endpoint] = mode;
    }
    this.table = next;
    if (formatRouteTable(next) !== formatRouteTable(previous)) this.onChange?.(next, previous);
    return { ...next };
  }
}
